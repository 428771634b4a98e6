//! Extraction never panics, whatever the text: arbitrary strings, binary noise decoded lossily,
//! a huge text without a full stop, CRLF, a BOM, entities, right-to-left script.

mod common;

use flashpoint::extract::analyze;
use flashpoint::model::Article;
use proptest::prelude::*;

fn read(text: String) -> usize {
    let a = Article {
        file: "x.txt".into(),
        published: "2004-03-18".parse().ok(),
        text,
        ..Article::default()
    };
    let analysis = analyze(&a, common::world());
    for i in &analysis.incidents {
        assert!(i.span[0] <= i.span[1] && i.span[1] <= a.text.len());
        assert!(a.text.is_char_boundary(i.span[0]) && a.text.is_char_boundary(i.span[1]));
    }
    analysis.incidents.len()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,400}") {
        read(s);
    }

    #[test]
    fn arbitrary_bytes_never_panic(b in proptest::collection::vec(any::<u8>(), 0..600)) {
        read(String::from_utf8_lossy(&b).into_owned());
    }

    #[test]
    fn newsy_fragments_never_panic(parts in proptest::collection::vec(prop::sample::select(vec![
        "in Pec", "on Wednesday", ", when", "; and", "two people were killed", "Mitrovica's",
        "the village of", "Skulevo", " - ", "last week", "\u{2014}", "\"", "'s", "at least",
        "injuring 4", "\r\n", "\n", ". ", "NATO", "Belo Polje", "since 1999", "the worst",
    ]), 0..40)) {
        read(parts.concat());
    }
}

#[test]
fn odd_but_real_inputs() {
    assert_eq!(read(String::new()), 0);
    read("\u{feff}Riots broke out in Pec on Wednesday.\r\nTwo people were killed.\r\n".into());
    read(
        "Police said &amp; confirmed &#269; that rioters attacked in Pec&nbsp;on Wednesday.".into(),
    );
    read("اشتباكات في بريشتينا يوم الأربعاء. Riots in Pristina on Wednesday, אבל".into());
}

#[test]
fn ten_megabytes_without_a_full_stop() {
    let chunk = "riots in Pec on Wednesday left 2 dead and 30 injured as crowds threw stones near Mitrovica ";
    let text = chunk.repeat(10_000_000 / chunk.len());
    assert!(text.len() > 9_000_000);
    assert!(read(text) >= 1);
}
