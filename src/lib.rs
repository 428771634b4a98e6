//! Flashpoint: from news reports to a map of incidents.
//!
//! The modules follow the data flow: ingest → extract → [`geocode`] (over the
//! [`gazetteer`]) → store → app.
pub mod app;
#[doc(hidden)]
pub mod cli;
pub mod export;
pub mod extract;
pub mod fold;
pub mod gazetteer;
pub mod geocode;
pub mod ingest;
pub mod model;
pub mod paths;
pub mod store;

/// mimalloc: loading the gazetteer and ingesting make millions of small allocations across
/// threads, where it is markedly faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
