//! `flashpoint extract` and `flashpoint places`: incidents (or place mentions) as JSON Lines.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use chrono::NaiveDate;

use crate::extract::analyze;
use crate::gazetteer::Gazetteer;
use crate::ingest;
use crate::model::Article;

#[derive(clap::Args)]
pub struct Args {
    /// Publication date for the files given on the command line (YYYY-MM-DD).
    #[arg(long)]
    published: Option<NaiveDate>,
    /// A manifest CSV (`file,published,source,title[,url]`, files relative to it): reads
    /// every listed file, or only the FILEs given.
    #[arg(long)]
    manifest: Option<PathBuf>,
    /// Article files (plain text or Markdown).
    files: Vec<PathBuf>,
}

/// What to print for each article.
#[derive(Clone, Copy)]
pub enum Output {
    Incidents,
    Places,
}

/// One manifest row.
#[derive(Debug, serde::Deserialize)]
struct Row {
    file: String,
    published: Option<String>,
    source: Option<String>,
    title: Option<String>,
    url: Option<String>,
}

pub fn run(a: Args, output: Output) -> Result<ExitCode> {
    if a.manifest.is_none() && a.files.is_empty() {
        anyhow::bail!("give FILEs or --manifest CSV (see --help)");
    }
    let g = Gazetteer::load_default()?;
    let mut failed = false;
    let mut jobs: Vec<(PathBuf, Article)> = Vec::new();
    if let Some(m) = &a.manifest {
        let dir = m.parent().unwrap_or(Path::new("."));
        let mut rdr =
            csv::Reader::from_path(m).with_context(|| format!("cannot read {}", m.display()))?;
        for (i, row) in rdr.deserialize::<Row>().enumerate() {
            let line = i + 2;
            let row = match row {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("{}:{line}: {e}", m.display());
                    failed = true;
                    continue;
                }
            };
            let published = match row
                .published
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                None => None,
                Some(p) => match p.parse::<NaiveDate>() {
                    Ok(d) => Some(d),
                    Err(_) => {
                        eprintln!(
                            "{}:{line}: bad published date {p:?}; relative dates stay unresolved",
                            m.display()
                        );
                        None
                    }
                },
            };
            let wanted = a.files.is_empty()
                || a.files
                    .iter()
                    .any(|f| f.file_name() == Path::new(&row.file).file_name());
            if wanted {
                let article = Article {
                    file: row.file.clone(),
                    published,
                    source: row.source,
                    title: row.title,
                    url: row.url,
                    text: String::new(),
                };
                jobs.push((dir.join(&row.file), article));
            }
        }
    } else {
        for f in &a.files {
            let article = Article {
                file: f.display().to_string(),
                published: a.published,
                ..Article::default()
            };
            jobs.push((f.clone(), article));
        }
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (path, mut article) in jobs {
        match read_article(&path, &mut article) {
            Ok(()) => {}
            Err(e) => {
                eprintln!("{}: {e:#}", path.display());
                failed = true;
                continue;
            }
        }
        if article.published.is_none() {
            eprintln!(
                "{}: no publication date: relative dates stay unresolved",
                path.display()
            );
        }
        let analysis = analyze(&article, &g);
        match output {
            Output::Incidents => {
                for i in &analysis.incidents {
                    writeln!(out, "{}", serde_json::to_string(i)?)?;
                }
            }
            Output::Places => {
                for m in &analysis.mentions {
                    writeln!(out, "{}", serde_json::to_string(m)?)?;
                }
            }
        }
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Reads an article file as ingest does: HTML without markup (title and date from its meta
/// data when the manifest has none), a `Title:/Source:/Date:` header block taken off; text
/// that is not UTF-8 is decoded with the stated fallback and a warning.
fn read_article(path: &Path, article: &mut Article) -> Result<()> {
    let bytes = std::fs::read(path).context("cannot read")?;
    let (text, warning) = ingest::read::decode(&bytes).map_err(|e| anyhow::anyhow!(e))?;
    if let Some(w) = warning {
        eprintln!("{}: {w}", path.display());
    }
    let html = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    if html {
        let page = ingest::html::parse(&text);
        article.published = article.published.or(page.published);
        article.title = article.title.take().or(page.title);
        article.text = page.text;
    } else if let Some((meta, body, _)) = ingest::read::header_block(&text) {
        article.published = article.published.or(meta.published);
        article.title = article.title.take().or(meta.title);
        article.source = article.source.take().or(meta.source);
        article.text = body.to_string();
    } else {
        article.text = text;
    }
    Ok(())
}
