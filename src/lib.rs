//! chat2task: turns Chinese work-group chat into tracked tasks.
//!
//! Read `ARCHITECTURE.md` first. Modules in pipeline order: ingestion (`api`), understanding
//! (`normalize`, `segment`, `model`, `owners`, `timex`, `extract`), acting (`store`), and the edges
//! (`auth`, `cli`).

pub mod api;
pub mod assign;
pub mod auth;
pub mod calendar;
pub mod cli;
pub mod datagen;
pub mod demo;
pub mod extract;
pub mod forecast;
pub mod ingest;
pub mod lifecycle;
pub mod model;
pub mod normalize;
pub mod notify;
pub mod owners;
pub mod pipeline;
pub mod platforms;
pub mod risk;
pub mod segment;
pub mod store;
pub mod timex;
pub mod web;
