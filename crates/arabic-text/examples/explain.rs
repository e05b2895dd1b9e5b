//! Prints the normalization of its first argument, with edits (a debugging aid).
use arabic_text::*;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let profile = match args.get(2).map(String::as_str) {
        Some("m") => Profile::Matching,
        _ => Profile::Translation,
    };
    let input = args[1].replace("\\n", "\n");
    let n = Normalizer::new(NormalizeOptions {
        profile,
        record_edits: true,
        ..Default::default()
    });
    let out = n.normalize(&input);
    println!("{:?} -> {:?}", input, out.text());
    for e in out.edits() {
        println!("  {:?}", e);
    }
    let twice = n.normalize(out.text());
    println!("twice {:?}", twice.text());
}
