//! Throughput of [`quotes::analyze`] on synthetic news text of growing size; the time per
//! byte should stay flat (the analysis is linear).

use std::ops::Range;

fn main() {
    divan::main();
}

const PARAGRAPHS: &[&str] = &[
    "وقال وزير الخارجية سامر نعيم للصحفيين \"لم يتغير شيء في الاجتماع الأخير.\"",
    "وأضاف \"سنواصل الحوار مع جميع الأطراف حتى نصل إلى اتفاق.\"",
    "وقال مصدر مطلع إن المحادثات ستستأنف الأسبوع المقبل في العاصمة.",
    "\"الوضع في المدينة هادئ تماما الآن\"، قال قائد الشرطة محمود ناصر.",
    "وعرض فيلم «رحلة إلى الجنوب» في افتتاح المهرجان وسط حضور كبير.",
    "وتقول الطبيبة ليلى عمر: «المستشفى يعمل بكامل طاقته منذ أيام.",
    "«ونحتاج إلى مزيد من الأدوية والمعدات بشكل عاجل».",
];

fn article(paragraphs: usize) -> (String, Vec<Range<usize>>) {
    let mut text = String::new();
    let mut blocks = Vec::new();
    for i in 0..paragraphs {
        let start = text.len();
        text.push_str(PARAGRAPHS[i % PARAGRAPHS.len()]);
        blocks.push(start..text.len());
        text.push('\n');
    }
    (text, blocks)
}

#[divan::bench(args = [10, 100, 1000])]
fn analyze(bencher: divan::Bencher, paragraphs: usize) {
    let (text, blocks) = article(paragraphs);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| quotes::analyze(divan::black_box(&text), divan::black_box(&blocks)));
}

/// About the size of a long news article (the seed article is 20 KB).
#[divan::bench]
fn seed_sized(bencher: divan::Bencher) {
    let (text, blocks) = article(180);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| quotes::analyze(divan::black_box(&text), divan::black_box(&blocks)));
}

/// From 10 KB to 10 MB: the time per byte stays flat.
#[divan::bench(args = [100, 10_000, 100_000], sample_count = 10, sample_size = 1)]
fn scaling(bencher: divan::Bencher, paragraphs: usize) {
    let (text, blocks) = article(paragraphs);
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| quotes::analyze(divan::black_box(&text), divan::black_box(&blocks)));
}

/// One line of back-to-back reports, the input whose output once grew quadratically.
#[divan::bench(args = [100, 100_000], sample_count = 10, sample_size = 1)]
fn repeated_reports(bencher: divan::Bencher, reports: usize) {
    let text = "وقال المسؤول إن المحادثات ستستأنف الأسبوع المقبل في جنيف، ".repeat(reports);
    let whole: Range<usize> = 0..text.len();
    let blocks = [whole];
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| quotes::analyze(divan::black_box(&text), divan::black_box(&blocks)));
}
