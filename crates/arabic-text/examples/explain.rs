//! Prints what normalization does to a text: `explain [--matching] [--raw] [TEXT | -f FILE]`,
//! with each edit and the rule that made it (a debugging aid for rule authors); `--raw`
//! prints only the normalized text.

use arabic_text::{NormalizeOptions, Normalizer, Profile};

fn main() {
    let mut profile = Profile::Translation;
    let mut raw = false;
    let mut text = String::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--matching" => profile = Profile::Matching,
            "--raw" => raw = true,
            "-f" => {
                let path = args.next().unwrap_or_default();
                text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
                    eprintln!("cannot read {path}: {e}");
                    std::process::exit(2)
                });
            }
            other => text = other.replace("\\n", "\n"),
        }
    }
    let normalizer = Normalizer::new(NormalizeOptions {
        profile,
        record_edits: true,
        ..NormalizeOptions::default()
    });
    let out = normalizer.normalize(&text);
    if raw {
        print!("{}", out.text());
        return;
    }
    println!("{:?}", out.text());
    for edit in out.edits() {
        println!(
            "{:>14} {:?} → {:?}",
            edit.rule,
            &text[edit.original.clone()],
            &out.text()[edit.normalized.clone()]
        );
    }
    for diagnostic in out.diagnostics() {
        println!(
            "{}: {} at {:?}",
            diagnostic.code, diagnostic.message, diagnostic.original
        );
    }
}
