//! Prints what extraction reads in one text file, before any cross-document resolution:
//! `cargo run -p dossier-extract --example local -- FILE` (a tool for reviewing rules).

use dossier_extract::{extract_document, DocumentInput};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: local FILE")?;
    let text = std::fs::read_to_string(&path)?;
    let x = extract_document(&DocumentInput { text: &text, title: None, published: None });
    println!("published: {:?}", x.published.map(|d| d.to_string()));
    for e in &x.entities {
        println!("entity {} {}", e.kind.as_str(), e.name);
    }
    for ev in &x.events {
        let who: Vec<String> =
            ev.participants.iter().map(|p| format!("{}/{}", x.entities[p.entity].name, p.role.as_str())).collect();
        println!(
            "{} {} [{}] place={:?} count={:?} term={:?}\n    {}",
            ev.kind.as_str(),
            ev.date.map(|d| d.to_string()).unwrap_or_default(),
            who.join(", "),
            ev.place.map(|p| &x.entities[p].name),
            ev.count,
            ev.term.map(|t| t.iso()),
            ev.quote.chars().take(140).collect::<String>()
        );
    }
    Ok(())
}
