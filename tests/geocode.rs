//! Geocoding against the shipped world gazetteer: the disambiguation cases of Kosovo reporting.

mod common;

use common::world;
use flashpoint::geocode::{Context, distance_km, rank, resolve};

/// A Kosovo article's context: Pristina and Kosovo already resolved.
fn kosovo() -> Context {
    let g = world();
    let mut ctx = Context::new();
    for name in ["Pristina", "Kosovo"] {
        let c = resolve(g, name, &Context::new()).unwrap();
        ctx.add_place(g.place(c.place), 1.0);
    }
    ctx
}

fn top(name: &str, ctx: &Context) -> &'static flashpoint::gazetteer::Place {
    let g = world();
    let c = resolve(g, name, ctx).unwrap_or_else(|| panic!("{name} unresolved"));
    g.place(c.place)
}

fn near(p: &flashpoint::gazetteer::Place, lat: f64, lon: f64, km: f64) -> bool {
    distance_km(p.lat, p.lon, lat, lon) <= km
}

#[test]
fn world_gazetteer_is_complete_enough() {
    let g = world();
    assert!(g.len() > 230_000, "{} places", g.len());
    for country in [
        "Kosovo",
        "Serbia",
        "Bosnia and Herzegovina",
        "Russia",
        "Afghanistan",
    ] {
        let p = top(country, &Context::new());
        assert_eq!(p.kind.as_str(), "country", "{country} → {}", p.name);
    }
}

#[test]
fn pec_in_kosovo_is_peja_not_pecs() {
    let p = top("Pec", &kosovo());
    assert_eq!(p.country, "XK");
    assert!(near(p, 42.659, 20.288, 5.0));
    for spelling in ["Peja", "Peć", "Pejë", "PEC"] {
        assert_eq!(top(spelling, &kosovo()).id, p.id, "{spelling}");
    }
    // Without context too: Peć's own name outranks Pécs' alternate one.
    assert_eq!(top("Pec", &Context::new()).country, "XK");
    assert_eq!(top("Pécs", &kosovo()).country, "HU");
}

#[test]
fn mitrovica_in_kosovo_is_kosovska_mitrovica() {
    let p = top("Mitrovica", &kosovo());
    assert_eq!(p.country, "XK");
    assert!(
        near(p, 42.883, 20.867, 5.0),
        "{} {} {}",
        p.name,
        p.lat,
        p.lon
    );
    assert_ne!(p.kind.as_str(), "region");
    assert_eq!(top("Kosovska Mitrovica", &Context::new()).id, p.id);
    assert_eq!(top("Sremska Mitrovica", &kosovo()).country, "RS");
}

#[test]
fn belo_polje_in_kosovo_is_the_village_near_pec() {
    let mut ctx = kosovo();
    let pec = top("Pec", &ctx);
    ctx.add_place(pec, 1.0);
    let p = top("Belo Polje", &ctx);
    assert!(
        near(p, 42.645, 20.320, 12.0),
        "{} {} {}",
        p.name,
        p.lat,
        p.lon
    );
    assert_eq!(top("Belopolje", &ctx).id, p.id);
    // Montenegro's Bijelo Polje keeps its own name.
    assert_eq!(top("Bijelo Polje", &ctx).country, "ME");
}

#[test]
fn kosovo_villages_beat_larger_namesakes_in_context() {
    let ctx = kosovo();
    let cases = [
        ("Obilic", 42.687, 21.070),
        ("Cabra", 42.907, 20.773),
        ("Gracanica", 42.601, 21.196),
        ("Djakovica", 42.380, 20.431),
        ("Caglavica", 42.620, 21.147),
        ("Urosevac", 42.370, 21.155),
        ("Podujevo", 42.911, 21.193),
    ];
    for (name, lat, lon) in cases {
        let p = top(name, &ctx);
        assert_eq!(p.country, "XK", "{name} → {} ({})", p.name, p.country);
        assert!(
            near(p, lat, lon, 3.0),
            "{name} → {} at {} {}",
            p.name,
            p.lat,
            p.lon
        );
    }
    // Without a Kosovo context population decides, as it should.
    assert_eq!(top("Cabra", &Context::new()).country, "ES");
}

#[test]
fn kosovo_is_the_country_and_russia_is_russia() {
    let ctx = kosovo();
    let k = top("Kosovo", &ctx);
    assert_eq!((k.kind.as_str(), k.country.as_str()), ("country", "XK"));
    let r = top("Russia", &ctx);
    assert_eq!((r.kind.as_str(), r.country.as_str()), ("country", "RU"));
    assert_eq!(top("Bosnia-Herzegovina", &ctx).country, "BA");
}

#[test]
fn unknown_names_stay_unresolved() {
    let g = world();
    for name in [
        "Skulevo",
        "Mitrovicaa",
        "Pristin a",
        "Caglavic",
        "Xyzzyville",
    ] {
        assert!(
            rank(g, name, &kosovo()).is_empty(),
            "{name} must stay unresolved"
        );
    }
}

#[test]
fn candidates_carry_a_reason() {
    let g = world();
    let r = rank(g, "Pec", &kosovo());
    assert!(r.len() >= 2);
    assert!(r[0].score > r[1].score);
    assert!(r[0].reason.contains("km from Pristina"), "{}", r[0].reason);
}
