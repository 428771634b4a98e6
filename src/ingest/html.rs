//! HTML pages to article text and metadata.
//!
//! A small scanner rather than an HTML5 parser crate: we need only the readable text and a
//! few meta tags, never a DOM, and html5ever's dependency tree would double the build on the
//! project's 2-core machines. The scanner handles comments, doctype/CDATA, quoted attributes
//! holding `>`, raw-text elements (script, style, noscript, template: skipped whole; svg too), named
//! and numeric entities, and boilerplate containers (nav, footer, aside, form, button): skipped.
//! When the page has `<article>` or `<main>`, only their text is kept. Block elements become
//! line breaks (paragraphs a blank line).

use chrono::NaiveDate;

/// What a page yields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub text: String,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub source: Option<String>,
    pub url: Option<String>,
}

const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "nav", "footer", "aside", "form", "button",
    "select", "iframe",
];
const RAW: &[&str] = &["script", "style", "template", "noscript"];
const PARAGRAPH: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "main",
    "header",
    "blockquote",
    "pre",
    "table",
    "ul",
    "ol",
    "dl",
    "figure",
    "figcaption",
    "hr",
    "address",
];
const LINE: &[&str] = &["br", "li", "tr", "dt", "dd", "td", "th", "caption"];

/// Reads a page.
pub fn parse(html: &str) -> Page {
    let mut page = Page::default();
    let mut all = String::new();
    let mut core = String::new();
    let mut core_depth = 0usize;
    let mut skip: Option<(String, usize)> = None; // element being skipped, nesting depth
    let mut in_title = false;
    let mut title = String::new();
    let mut og_title = None;
    let mut time_attr = None;
    let b = html.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            let next = memchr(b'<', &b[i..]).map_or(b.len(), |n| i + n);
            let chunk = &html[i..next];
            if in_title {
                title.push_str(chunk);
            } else if skip.is_none() {
                let t = decode_entities(chunk);
                push_text(&mut all, &t);
                if core_depth > 0 {
                    push_text(&mut core, &t);
                }
            }
            i = next;
            continue;
        }
        // Comments, doctype, CDATA, processing instructions.
        if html[i..].starts_with("<!--") {
            i = html[i + 4..].find("-->").map_or(b.len(), |n| i + 4 + n + 3);
            continue;
        }
        if html[i..].starts_with("<!") || html[i..].starts_with("<?") {
            i = memchr(b'>', &b[i..]).map_or(b.len(), |n| i + n + 1);
            continue;
        }
        let Some((tag, end)) = read_tag(html, i) else {
            // A lone '<': text.
            if skip.is_none() && !in_title {
                push_text(&mut all, "<");
                if core_depth > 0 {
                    push_text(&mut core, "<");
                }
            }
            i += 1;
            continue;
        };
        i = end;
        let name = tag.name.as_str();
        if !tag.closing && !tag.self_closing && RAW.contains(&name) {
            // Raw text: jump to the end tag.
            let close = format!("</{name}");
            i = find_ci(html, i, &close).unwrap_or(b.len());
            continue;
        }
        if let Some((s, depth)) = &mut skip {
            if name == s.as_str() {
                if tag.closing {
                    *depth -= 1;
                    if *depth == 0 {
                        skip = None;
                    }
                } else if !tag.self_closing {
                    *depth += 1;
                }
            }
            if name == "title" && !tag.closing {
                in_title = true;
            } else if name == "title" {
                in_title = false;
            }
            if name == "meta" {
                meta(&tag, &mut page, &mut og_title);
            }
            continue;
        }
        if in_title && !(name == "title" && tag.closing) {
            continue;
        }
        match name {
            "title" => in_title = !tag.closing,
            "meta" | "link" => meta(&tag, &mut page, &mut og_title),
            "time" if !tag.closing && time_attr.is_none() => {
                time_attr = tag.attr("datetime").map(str::to_string)
            }
            _ => {}
        }
        if !tag.closing && !tag.self_closing && SKIP.contains(&name) {
            skip = Some((name.to_string(), 1));
            continue;
        }
        if name == "main" || name == "article" {
            if tag.closing {
                core_depth = core_depth.saturating_sub(1);
            } else {
                core_depth += 1;
            }
        }
        let brk = if PARAGRAPH.contains(&name) {
            "\n\n"
        } else if LINE.contains(&name) {
            "\n"
        } else {
            ""
        };
        if !brk.is_empty() {
            all.push_str(brk);
            if core_depth > 0 || (tag.closing && (name == "main" || name == "article")) {
                core.push_str(brk);
            }
        }
    }
    let body = if core.trim().is_empty() { all } else { core };
    page.text = tidy(&body);
    let title = tidy(&decode_entities(&title)).replace('\n', " ");
    page.title = og_title.or((!title.is_empty()).then_some(title));
    if page.published.is_none() {
        page.published = time_attr.as_deref().and_then(parse_date);
    }
    page
}

fn meta(tag: &Tag, page: &mut Page, og_title: &mut Option<String>) {
    let key = tag
        .attr("property")
        .or(tag.attr("name"))
        .or(tag.attr("itemprop"))
        .unwrap_or("")
        .to_ascii_lowercase();
    if tag.name == "link" {
        if tag
            .attr("rel")
            .is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
            && page.url.is_none()
        {
            page.url = tag.attr("href").map(decode_entities);
        }
        return;
    }
    let Some(content) = tag.attr("content").map(decode_entities) else {
        return;
    };
    let content = content.trim().to_string();
    if content.is_empty() {
        return;
    }
    match key.as_str() {
        "og:title" => *og_title = Some(content),
        "article:published_time" | "datepublished" | "date" | "pubdate"
            if page.published.is_none() =>
        {
            page.published = parse_date(&content)
        }
        "og:site_name" => page.source = Some(content),
        "og:url" => page.url = Some(content),
        _ => {}
    }
}

/// `2004-03-17`, `2004-03-17T10:00:00+01:00` and the like: the first ten characters.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    s.get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
    attrs: Vec<(String, String)>,
}

impl Tag {
    fn attr(&self, k: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
    }
}

/// Reads the tag at `start` (`<`); returns it and the index after its `>`.
fn read_tag(html: &str, start: usize) -> Option<(Tag, usize)> {
    let b = html.as_bytes();
    let mut i = start + 1;
    let closing = b.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let name_start = i;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-' || b[i] == b':') {
        i += 1;
    }
    if i == name_start || !b[name_start].is_ascii_alphabetic() {
        return None;
    }
    let name = html[name_start..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        match b.get(i) {
            None => return Some((mk(name, closing, self_closing, attrs), b.len())),
            Some(b'>') => return Some((mk(name, closing, self_closing, attrs), i + 1)),
            Some(b'/') => {
                self_closing = true;
                i += 1;
                continue;
            }
            _ => {}
        }
        let k0 = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let key = html[k0..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if b.get(i) == Some(&b'=') {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let v0 = i + 1;
                    let v1 = memchr(q, &b[v0..]).map_or(b.len(), |n| v0 + n);
                    value = html[v0..v1].to_string();
                    i = (v1 + 1).min(b.len());
                }
                _ => {
                    let v0 = i;
                    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                        i += 1;
                    }
                    value = html[v0..i].to_string();
                }
            }
        }
        if !key.is_empty() {
            attrs.push((key, value));
        } else {
            i += 1;
        }
    }
}

fn mk(name: String, closing: bool, self_closing: bool, attrs: Vec<(String, String)>) -> Tag {
    Tag {
        name,
        closing,
        self_closing,
        attrs,
    }
}

fn memchr(c: u8, b: &[u8]) -> Option<usize> {
    b.iter().position(|&x| x == c)
}

/// Case-insensitive find of an ASCII needle from `from`.
fn find_ci(h: &str, from: usize, needle: &str) -> Option<usize> {
    let hb = h.as_bytes();
    let nb = needle.as_bytes();
    (from..hb.len().saturating_sub(nb.len() - 1))
        .find(|&i| hb[i..i + nb.len()].eq_ignore_ascii_case(nb))
}

/// Appends a text run, whitespace collapsed to single spaces.
fn push_text(out: &mut String, t: &str) {
    for (n, word) in t.split(|c: char| c.is_whitespace()).enumerate() {
        if n > 0 && !out.ends_with([' ', '\n']) && !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// Trims lines and keeps at most one blank line between paragraphs.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(&line);
    }
    out
}

/// Decodes `&amp;`, `&#8217;`, `&#x2019;` and the common named entities; unknown ones stay.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map_or(rest.len(), |n| n + 1);
        let decoded = Some(end).filter(|&e| e > 1).and_then(|e| {
            let name = &rest[1..e];
            let c = if let Some(num) = name.strip_prefix('#') {
                let v = match num.strip_prefix(['x', 'X']) {
                    Some(h) => u32::from_str_radix(h, 16).ok(),
                    None => num.parse().ok(),
                };
                v.and_then(char::from_u32)
                    .map(|c| if c == '\u{a0}' { ' ' } else { c })
            } else {
                named(name)
            }?;
            let len = if rest.as_bytes().get(e) == Some(&b';') {
                e + 1
            } else {
                e
            };
            Some((c, len))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn named(n: &str) -> Option<char> {
    Some(match n {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "sbquo" => '‚',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "middot" => '·',
        "bull" => '•',
        "euro" => '€',
        "pound" => '£',
        "shy" => '\u{ad}',
        "eacute" => 'é',
        "Eacute" => 'É',
        "egrave" => 'è',
        "euml" => 'ë',
        "Euml" => 'Ë',
        "ccedil" => 'ç',
        "Ccedil" => 'Ç',
        "ccaron" => 'č',
        "Ccaron" => 'Č',
        "cacute" => 'ć',
        "Cacute" => 'Ć',
        "scaron" => 'š',
        "Scaron" => 'Š',
        "zcaron" => 'ž',
        "Zcaron" => 'Ž',
        "dstrok" => 'đ',
        "Dstrok" => 'Đ',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "Auml" => 'Ä',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "szlig" => 'ß',
        "aacute" => 'á',
        "iacute" => 'í',
        "oacute" => 'ó',
        "uacute" => 'ú',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_scripts_and_boilerplate() {
        let p = parse(
            "<html><head><title>T &amp; U | Site</title>\
             <meta property=\"article:published_time\" content=\"2004-03-17T10:00:00Z\">\
             <script>var a = '<p>no</p>';</script><style>p{}</style></head>\
             <body><nav>Kotor | Budva</nav><main><h1>Head</h1><p>One&nbsp;two &#8217; &#x41;.</p>\
             <p data-x=\"a>b\">Three<br>four</p></main><footer>(c)</footer></body></html>",
        );
        assert_eq!(p.text, "Head\n\nOne two \u{2019} A.\n\nThree\nfour");
        assert_eq!(p.title.as_deref(), Some("T & U | Site"));
        assert_eq!(p.published, NaiveDate::from_ymd_opt(2004, 3, 17));
    }

    #[test]
    fn og_title_and_time_element() {
        let p = parse(
            "<meta property='og:title' content='Clean title'><title>x</title>\
             <p>Text <time datetime=\"2001-04-06\">Friday</time>.</p>",
        );
        assert_eq!(p.title.as_deref(), Some("Clean title"));
        assert_eq!(p.published, NaiveDate::from_ymd_opt(2001, 4, 6));
        assert_eq!(p.text, "Text Friday.");
    }

    #[test]
    fn odd_input_does_not_panic() {
        for s in [
            "<",
            "<<>>",
            "a < b > c",
            "<p",
            "&",
            "&#xZZ;",
            "<!-- open",
            "<script>x",
        ] {
            let _ = parse(s);
        }
        assert_eq!(parse("a < b").text, "a < b");
        assert_eq!(decode_entities("&unknown; &amp"), "&unknown; &");
    }
}
