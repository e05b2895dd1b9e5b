//! Throughput of normalization, offset map included, on Arabic news text.
//!
//! Input: the seed article and the dev-set articles of the shared corpus
//! (`../shared/corpus` from the workspace root), concatenated, when present; otherwise a
//! synthetic Arabic news text. The corpus is read at run time and never copied into the
//! repository. Run with `cargo bench -p arabic-text --bench normalize`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use arabic_text::{NormalizeOptions, Normalizer, Profile};
use divan::Bencher;
use divan::counter::BytesCount;

fn main() {
    let text = corpus();
    eprintln!(
        "benchmark input: {} bytes, {} chars ({})",
        text.len(),
        text.chars().count(),
        if corpus_files().is_empty() {
            "synthetic"
        } else {
            "shared corpus"
        }
    );
    for profile in [Profile::Translation, Profile::Matching] {
        let out = Normalizer::new(NormalizeOptions::new(profile)).normalize(text);
        eprintln!(
            "{profile:?}: {} bytes out, {} map anchors ({:.1} per KB of input)",
            out.text().len(),
            out.anchor_count(),
            out.anchor_count() as f64 * 1024.0 / text.len() as f64
        );
    }
    divan::main();
}

fn corpus_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus")
}

fn corpus_files() -> Vec<PathBuf> {
    let root = corpus_root();
    let mut files = vec![root.join("seed/article.txt")];
    if let Ok(entries) = std::fs::read_dir(root.join("dev")) {
        let mut dev: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
            .collect();
        dev.sort();
        files.extend(dev);
    }
    files.retain(|path| path.is_file());
    files
}

/// The benchmark text, built once: about 1 MB so that one iteration is long enough to
/// time and the text does not sit in L1.
fn corpus() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let mut base = String::new();
        for path in corpus_files() {
            if let Ok(text) = std::fs::read_to_string(&path) {
                base.push_str(&text);
                base.push_str("\n\n");
            }
        }
        if base.trim().is_empty() {
            base = synthetic_article();
        }
        repeat_to(&base, 1 << 20)
    })
}

fn repeat_to(base: &str, size: usize) -> String {
    let mut text = String::with_capacity(size + base.len());
    while text.len() < size {
        text.push_str(base);
    }
    text
}

/// A made-up news text with the features the rules care about: quotes, Arabic
/// punctuation, Arabic-Indic digits, a tatweel, a diacritic, paragraphs.
fn synthetic_article() -> String {
    let paragraphs = [
        "قال وزير الخارجية في مؤتمر صحفي عقده اليوم الأحد في العاصمة إن \"المفاوضات \
         مستمرة\"، مشيراً إلى أن الجولة المقبلة ستعقد في ١٥ آذار/مارس المقبل.",
        "وأضاف الوزير أن بلاده «لن تقبل بأي حلول منقوصة»، وأن الحكومة ستعرض الاتفاق على \
         البرلمان خلال الأسابيع الثلاثة القادمة بعد استكمال المشاورات مع الكتل السياسية.",
        "من جهتها، أعلنت وزارة الصحة تسجيل ٢٣٤ إصابة جديدة خلال الساعات الـ٢٤ الماضية، \
         ليرتفع العدد الإجمالي إلى ١٢٬٥٠٠ إصابة منذ بداية العام.",
        "وفي سياق متصل، شهدت أسواق المال ارتفاعاً ملحوظاً بنسبة ٣٫٥٪ مع إغلاق تعاملات \
         الأسبوع، وسط توقعات بمزيد من المكاسب.",
    ];
    paragraphs.join("\n\n")
}

fn ascii_text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        repeat_to(
            "The minister said on Sunday that talks would resume in March, adding that \
             the government expected a vote within three weeks.\n\n",
            1 << 20,
        )
    })
}

#[divan::bench(args = [Profile::Translation, Profile::Matching, Profile::None])]
fn arabic_news(bencher: Bencher, profile: Profile) {
    let normalizer = Normalizer::new(NormalizeOptions::new(profile));
    let text = corpus();
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| normalizer.normalize(divan::black_box(text)));
}

/// The synthetic article alone: text that is already NFC, as most articles are (one
/// dev-set article types shadda before the vowel, which makes the corpus take the NFC
/// path).
#[divan::bench(args = [Profile::Translation, Profile::Matching])]
fn synthetic_nfc_news(bencher: Bencher, profile: Profile) {
    static TEXT: OnceLock<String> = OnceLock::new();
    let text = TEXT.get_or_init(|| repeat_to(&synthetic_article(), 1 << 20));
    let normalizer = Normalizer::new(NormalizeOptions::new(profile));
    bencher
        .counter(BytesCount::of_str(text.as_str()))
        .bench(|| normalizer.normalize(divan::black_box(text.as_str())));
}

#[divan::bench(args = [Profile::Translation, Profile::Matching])]
fn ascii_latin(bencher: Bencher, profile: Profile) {
    let normalizer = Normalizer::new(NormalizeOptions::new(profile));
    let text = ascii_text();
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| normalizer.normalize(divan::black_box(text)));
}

#[divan::bench]
fn arabic_news_translation_with_edits(bencher: Bencher) {
    let normalizer = Normalizer::new(NormalizeOptions {
        record_edits: true,
        ..NormalizeOptions::new(Profile::Translation)
    });
    let text = corpus();
    bencher
        .counter(BytesCount::of_str(text))
        .bench(|| normalizer.normalize(divan::black_box(text)));
}
