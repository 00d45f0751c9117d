//! Embedded lexicons: team domains, surnames, given names, THUOCL words, chit-chat sentences.

use std::sync::OnceLock;

const DOMAINS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/datagen/domains.txt"));
const SURNAMES: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/datagen/faker_zh_CN_surnames.tsv"));
const GIVEN: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/datagen/faker_zh_CN_given_names.tsv"));
const THUOCL_IT: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/datagen/thuocl_it.txt"));
const THUOCL_CJ: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/datagen/thuocl_caijing.txt"));
const CHITCHAT: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/datagen/chitchat.txt"));

/// One team type from `domains.txt`.
#[derive(Debug, Default, Clone)]
pub struct Domain {
    /// Short key (`school`, `law`, …), used as chat id prefix.
    pub key: &'static str,
    /// Collective addressees (各位X).
    pub role: Vec<&'static str>,
    /// Task objects.
    pub obj: Vec<&'static str>,
    /// Verbs.
    pub verb: Vec<&'static str>,
    /// Outsiders whose actions are not tasks.
    pub outside: Vec<&'static str>,
    /// Meetings / events.
    pub event: Vec<&'static str>,
}

/// All lexicons, parsed once.
#[derive(Debug, Default)]
pub struct Lex {
    /// Team domains.
    pub domains: Vec<Domain>,
    /// Surnames with weights (single-char only).
    pub surnames: Vec<&'static str>,
    /// Weights parallel to `surnames`.
    pub surname_w: Vec<f64>,
    /// Single-character given names.
    pub given: Vec<&'static str>,
    /// THUOCL IT words.
    pub it: Vec<&'static str>,
    /// THUOCL finance words.
    pub cj: Vec<&'static str>,
    /// Chit-chat sentences.
    pub chitchat: Vec<&'static str>,
    /// Generic office objects shared by all teams.
    pub common: Vec<&'static str>,
}

fn lines(s: &'static str) -> impl Iterator<Item = &'static str> {
    s.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn parse_domains() -> Vec<Domain> {
    let mut out: Vec<Domain> = Vec::new();
    for l in lines(DOMAINS) {
        if let Some(k) = l.strip_prefix('[').and_then(|x| x.strip_suffix(']')) {
            out.push(Domain { key: k, ..Default::default() });
            continue;
        }
        let Some(d) = out.last_mut() else { continue };
        let Some((k, v)) = l.split_once('=') else {
            continue;
        };
        let vals: Vec<&'static str> = v.split('|').map(str::trim).filter(|x| !x.is_empty()).collect();
        match k {
            "role" => d.role = vals,
            "obj" => d.obj = vals,
            "verb" => d.verb = vals,
            "outside" => d.outside = vals,
            "event" => d.event = vals,
            _ => {}
        }
    }
    out
}

/// The parsed lexicons (lazily built once).
pub fn lex() -> &'static Lex {
    static L: OnceLock<Lex> = OnceLock::new();
    L.get_or_init(|| {
        let mut surnames = Vec::new();
        let mut surname_w = Vec::new();
        for l in lines(SURNAMES).skip(1) {
            let mut it = l.split('\t');
            let (Some(s), Some(w)) = (it.next(), it.next()) else {
                continue;
            };
            if s.chars().count() == 1 {
                surnames.push(s);
                surname_w.push(w.parse::<f64>().unwrap_or(0.1).max(0.05));
            }
        }
        let given =
            lines(GIVEN).skip(1).filter_map(|l| l.split('\t').next()).filter(|g| g.chars().count() == 1).collect();
        let mut domains = parse_domains();
        let common = domains.iter().find(|d| d.key == "common").map(|d| d.obj.clone()).unwrap_or_default();
        domains.retain(|d| !d.obj.is_empty() && !d.verb.is_empty());
        Lex {
            common,
            domains,
            surnames,
            surname_w,
            given,
            it: lines(THUOCL_IT).collect(),
            cj: lines(THUOCL_CJ).collect(),
            chitchat: lines(CHITCHAT).collect(),
        }
    })
}
