"""TopoJSON arcs decoded to lists of (lon, lat) points (shared by the gazetteer and basemap
build scripts)."""


def decode_arcs(topo):
    """Every arc of a quantized TopoJSON topology as a list of (lon, lat) points."""
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        out.append(pts)
    return out
