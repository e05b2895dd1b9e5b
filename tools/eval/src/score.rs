//! The metrics of `shared/tools/score.py`, computed the same way: sentence boundary
//! P/R/F1 and exact matches, quotation P/R/F1 with strict speaker accuracy and
//! not-quotations reported, boilerplate character recall and precision.
//! Offsets are code points, end-exclusive, as in the gold files.

use std::collections::BTreeSet;

use serde_json::Value;

/// A code point span.
pub type Span = (usize, usize);

/// A predicted quotation: content span and resolved speaker name.
#[derive(Debug, Clone)]
pub struct PredictedQuotation {
    pub span: Span,
    pub speaker: Option<String>,
}

/// What the system predicted for one document.
#[derive(Debug, Clone, Default)]
pub struct Prediction {
    pub sentences: Vec<Span>,
    pub quotations: Vec<PredictedQuotation>,
    pub boilerplate: Vec<Span>,
}

/// Counts of one document or of a whole corpus.
#[derive(Debug, Clone, Default)]
pub struct Counts {
    pub sentences: Option<SentenceCounts>,
    pub quotations: Option<QuotationCounts>,
    pub boilerplate: Option<BoilerplateCounts>,
}

#[derive(Debug, Clone, Default)]
pub struct SentenceCounts {
    pub tp: usize,
    pub fp: usize,
    pub false_negatives: usize,
    pub exact: usize,
    pub n: usize,
}

#[derive(Debug, Clone, Default)]
pub struct QuotationCounts {
    pub tp: usize,
    pub fp: usize,
    pub false_negatives: usize,
    pub speaker_ok: usize,
    pub not_quotes: usize,
    pub not_quotes_reported: usize,
}

#[derive(Debug, Clone, Default)]
pub struct BoilerplateCounts {
    pub gold: usize,
    pub predicted: usize,
    pub both: usize,
}

impl Counts {
    /// Adds another document's counts.
    pub fn add(&mut self, other: &Counts) {
        if let Some(other) = &other.sentences {
            let total = self.sentences.get_or_insert_with(Default::default);
            total.tp += other.tp;
            total.fp += other.fp;
            total.false_negatives += other.false_negatives;
            total.exact += other.exact;
            total.n += other.n;
        }
        if let Some(other) = &other.quotations {
            let total = self.quotations.get_or_insert_with(Default::default);
            total.tp += other.tp;
            total.fp += other.fp;
            total.false_negatives += other.false_negatives;
            total.speaker_ok += other.speaker_ok;
            total.not_quotes += other.not_quotes;
            total.not_quotes_reported += other.not_quotes_reported;
        }
        if let Some(other) = &other.boilerplate {
            let total = self.boilerplate.get_or_insert_with(Default::default);
            total.gold += other.gold;
            total.predicted += other.predicted;
            total.both += other.both;
        }
    }

    /// The summary lines, worded and rounded as score.py prints them.
    pub fn summary(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some(s) = &self.sentences {
            let (p, r, f) = f1(s.tp, s.fp, s.false_negatives);
            lines.push(format!(
                "sentences: P {p:.3} R {r:.3} F1 {f:.3}  exact {}/{}",
                s.exact, s.n
            ));
        }
        if let Some(q) = &self.quotations {
            let (p, r, f) = f1(q.tp, q.fp, q.false_negatives);
            let accuracy = if q.tp > 0 {
                q.speaker_ok as f64 / q.tp as f64
            } else {
                0.0
            };
            lines.push(format!(
                "quotations: P {p:.3} R {r:.3} F1 {f:.3}  speaker accuracy {accuracy:.3} ({}/{})  not-quotations reported {}/{}",
                q.speaker_ok, q.tp, q.not_quotes_reported, q.not_quotes
            ));
        }
        if let Some(b) = &self.boilerplate {
            let recall = if b.gold > 0 {
                b.both as f64 / b.gold as f64
            } else {
                1.0
            };
            let precision = if b.predicted > 0 {
                b.both as f64 / b.predicted as f64
            } else {
                1.0
            };
            lines.push(format!(
                "boilerplate: char recall {recall:.3} char precision {precision:.3}"
            ));
        }
        lines
    }
}

/// Precision, recall and F1 as score.py defines them (1.0 on empty denominators).
pub fn f1(tp: usize, fp: usize, false_negatives: usize) -> (f64, f64, f64) {
    let p = if tp + fp > 0 {
        tp as f64 / (tp + fp) as f64
    } else {
        1.0
    };
    let r = if tp + false_negatives > 0 {
        tp as f64 / (tp + false_negatives) as f64
    } else {
        1.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// Sentence boundaries: each span's end moved past whitespace, document edges excluded.
pub fn boundaries(text: &[char], spans: impl IntoIterator<Item = Span>) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    for (_, end) in spans {
        let mut i = end;
        while i < text.len() && text[i].is_whitespace() {
            i += 1;
        }
        if 0 < i && i < text.len() {
            out.insert(i);
        }
    }
    out
}

fn iou(a: Span, b: Span) -> f64 {
    let intersection = a.1.min(b.1).saturating_sub(a.0.max(b.0));
    let union = a.1.max(b.1) - a.0.min(b.0);
    if union > 0 {
        intersection as f64 / union as f64
    } else {
        0.0
    }
}

/// Greedy one-to-one matching by IoU ≥ 0.8, in score.py's order (ties: later pairs first).
fn match_spans(gold: &[Span], predicted: &[Span]) -> Vec<(usize, usize)> {
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, &g) in gold.iter().enumerate() {
        for (j, &p) in predicted.iter().enumerate() {
            pairs.push((iou(g, p), i, j));
        }
    }
    pairs.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| b.1.cmp(&a.1))
            .then_with(|| b.2.cmp(&a.2))
    });
    let mut used_gold = BTreeSet::new();
    let mut used_predicted = BTreeSet::new();
    let mut out = Vec::new();
    for (value, i, j) in pairs {
        if value < 0.8 {
            break;
        }
        if !used_gold.contains(&i) && !used_predicted.contains(&j) {
            used_gold.insert(i);
            used_predicted.insert(j);
            out.push((i, j));
        }
    }
    out
}

fn covered(spans: impl IntoIterator<Item = Span>) -> BTreeSet<usize> {
    spans
        .into_iter()
        .flat_map(|(start, end)| start..end)
        .collect()
}

fn is_diacritic(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061a}' | '\u{064b}'..='\u{065f}' | '\u{0670}' | '\u{06d6}'..='\u{06ed}' | '\u{0640}')
}

/// score.py's `norm_name`: matching normalization of a name, as words.
pub fn norm_name(name: &str) -> Vec<String> {
    let folded: String = name
        .chars()
        .filter(|&c| !is_diacritic(c))
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            c if c.is_alphanumeric() || c == '_' || c.is_whitespace() => c,
            _ => ' ',
        })
        .collect();
    folded.split_whitespace().map(str::to_owned).collect()
}

/// Head nouns that name no one by themselves (score.py's GENERIC).
const GENERIC: &str =
    "مسؤول مسؤولة مسؤولون مسؤولين المسؤول المسؤولة المسؤولون المسؤولين مصدر مصادر المصدر
المصادر متحدث متحدثة المتحدث المتحدثة الوزير الوزيرة وزير وزيرة رئيس رئيسة الرئيس الرئيسة
خبير خبيرة خبراء الخبير الخبراء محلل محللون المحلل دبلوماسي دبلوماسيون الدبلوماسي شاهد شهود
الشاهد مدير المدير مديرة المديرة نائب النائب عضو العضو ممثل الممثل سفير السفير قائد القائد
ناطق الناطق مراسل المراسل أمير الأمير الملك ملك الشيخ شيخ السيد السيدة الدكتور";

/// score.py's `same_speaker`: whether `predicted` names the gold speaker entity.
pub fn same_speaker(gold_names: &[String], predicted: Option<&str>) -> bool {
    let names: Vec<Vec<String>> = gold_names
        .iter()
        .map(|name| norm_name(name))
        .filter(|words| !words.is_empty())
        .collect();
    let generic: BTreeSet<String> = GENERIC.split_whitespace().flat_map(norm_name).collect();
    if names.is_empty() {
        return predicted.is_none_or(|name| name.is_empty());
    }
    let p = predicted.map(norm_name).unwrap_or_default();
    if p.is_empty() {
        return false;
    }
    for g in &names {
        if &p == g {
            return true;
        }
        if p.len() <= g.len() {
            for k in 0..=(g.len() - p.len()) {
                if g[k..k + p.len()] == p[..]
                    && (k == 0 || k + p.len() == g.len())
                    && (p.len() * 2 >= g.len() || p.iter().any(|w| !generic.contains(w)))
                {
                    return true;
                }
            }
        }
        if g.len() < p.len() && p.len() <= g.len() + 4 && p[p.len() - g.len()..] == g[..] {
            return true;
        }
    }
    false
}

fn span_of(value: &Value) -> Option<Span> {
    Some((
        value.get(0)?.as_u64()? as usize,
        value.get(1)?.as_u64()? as usize,
    ))
}

fn spans_of<'a>(values: impl IntoIterator<Item = &'a Value>, key: &str) -> Vec<Span> {
    values
        .into_iter()
        .filter_map(|value| span_of(&value[key]))
        .collect()
}

fn slice(text: &[char], span: Span) -> String {
    text[span.0.min(text.len())..span.1.min(text.len())]
        .iter()
        .collect()
}

fn speaker_names(text: &[char], quotation: &Value) -> Vec<String> {
    let resolved = quotation["speaker_resolved"]
        .as_str()
        .filter(|s| !s.is_empty());
    let speaker = quotation["speaker"].as_str().filter(|s| !s.is_empty());
    if resolved.is_none() && speaker.is_none() {
        return Vec::new();
    }
    let mut names: Vec<String> = [resolved, speaker]
        .into_iter()
        .flatten()
        .map(str::to_owned)
        .collect();
    if let Some(mentions) = quotation["speaker_mention_spans"].as_array() {
        names.extend(
            mentions
                .iter()
                .filter_map(span_of)
                .map(|span| slice(text, span)),
        );
    }
    names.retain(|name| !name.is_empty());
    names
}

/// Scores one document (score.py's `score_doc`).
pub fn score_document(text: &[char], gold: &Value, predicted: &Prediction) -> Counts {
    let mut counts = Counts::default();
    if let Some(sentences) = gold["sentences"].as_array() {
        let all: Vec<Span> = spans_of(sentences, "span");
        let optional = boundaries(
            text,
            sentences
                .iter()
                .filter(|s| s["optional_end"].as_bool() == Some(true))
                .filter_map(|s| span_of(&s["span"])),
        );
        let boiler: Vec<Span> = sentences
            .iter()
            .filter(|s| s["kind"].as_str() == Some("boilerplate"))
            .filter_map(|s| span_of(&s["span"]))
            .collect();
        let mut ignore = optional;
        ignore.extend(boundaries(text, boiler.iter().copied()));
        ignore.extend(boiler.iter().map(|&(start, _)| start));
        let inside = covered(boiler.iter().copied());
        let gold_boundaries: BTreeSet<usize> = boundaries(text, all.iter().copied())
            .difference(&ignore)
            .copied()
            .collect();
        let predicted_boundaries: BTreeSet<usize> =
            boundaries(text, predicted.sentences.iter().copied())
                .into_iter()
                .filter(|b| !inside.contains(b) && !ignore.contains(b))
                .collect();
        let body: Vec<Span> = all.into_iter().filter(|s| !boiler.contains(s)).collect();
        let trimmed: BTreeSet<Span> = predicted
            .sentences
            .iter()
            .map(|&(mut start, mut end)| {
                while start < end && text[start].is_whitespace() {
                    start += 1;
                }
                while end > start && text[end - 1].is_whitespace() {
                    end -= 1;
                }
                (start, end)
            })
            .collect();
        counts.sentences = Some(SentenceCounts {
            tp: gold_boundaries.intersection(&predicted_boundaries).count(),
            fp: predicted_boundaries.difference(&gold_boundaries).count(),
            false_negatives: gold_boundaries.difference(&predicted_boundaries).count(),
            exact: body.iter().filter(|s| trimmed.contains(s)).count(),
            n: body.len(),
        });
    }
    if let Some(quotations) = gold["quotations"].as_array() {
        let short = |span: Span| slice(text, span).split_whitespace().count() <= 2;
        let mut optional: Vec<Span> = spans_of(quotations, "span")
            .into_iter()
            .filter(|&s| short(s))
            .collect();
        let not_quotations: Vec<&Value> = gold["not_quotations"]
            .as_array()
            .map(|v| v.iter().collect())
            .unwrap_or_default();
        optional.extend(
            not_quotations
                .iter()
                .filter(|n| n["optional"].as_bool() == Some(true))
                .filter_map(|n| span_of(&n["span"])),
        );
        let gold_quotations: Vec<&Value> = quotations
            .iter()
            .filter(|q| span_of(&q["span"]).is_some_and(|s| !short(s)))
            .collect();
        let predicted_spans: Vec<Span> = predicted.quotations.iter().map(|q| q.span).collect();
        let dropped: BTreeSet<usize> = match_spans(&optional, &predicted_spans)
            .into_iter()
            .map(|(_, j)| j)
            .collect();
        let kept: Vec<&PredictedQuotation> = predicted
            .quotations
            .iter()
            .enumerate()
            .filter(|(j, _)| !dropped.contains(j))
            .map(|(_, q)| q)
            .collect();
        let kept_spans: Vec<Span> = kept.iter().map(|q| q.span).collect();
        let gold_spans: Vec<Span> = spans_of(gold_quotations.iter().copied(), "span");
        let matched = match_spans(&gold_spans, &kept_spans);
        let speaker_ok = matched
            .iter()
            .filter(|&&(i, j)| {
                same_speaker(
                    &speaker_names(text, gold_quotations[i]),
                    kept[j].speaker.as_deref(),
                )
            })
            .count();
        let plain_not_quotations: Vec<Span> = not_quotations
            .iter()
            .filter(|n| n["optional"].as_bool() != Some(true))
            .filter_map(|n| span_of(&n["span"]))
            .collect();
        counts.quotations = Some(QuotationCounts {
            tp: matched.len(),
            fp: kept.len() - matched.len(),
            false_negatives: gold_quotations.len() - matched.len(),
            speaker_ok,
            not_quotes: plain_not_quotations.len(),
            not_quotes_reported: match_spans(&plain_not_quotations, &kept_spans).len(),
        });
    }
    if let Some(boilerplate) = gold["boilerplate"].as_array() {
        let gold_chars = covered(spans_of(boilerplate, "span"));
        let predicted_chars = covered(predicted.boilerplate.iter().copied());
        counts.boilerplate = Some(BoilerplateCounts {
            gold: gold_chars.len(),
            predicted: predicted_chars.len(),
            both: gold_chars.intersection(&predicted_chars).count(),
        });
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn surname_of_a_full_name_is_the_same_speaker() {
        assert!(same_speaker(&names(&["سيرجي لافروف"]), Some("لافروف")));
    }

    #[test]
    fn name_with_words_glued_after_it_is_wrong() {
        assert!(!same_speaker(
            &names(&["سيرجي لافروف"]),
            Some("سيرجي لافروف في مؤتمر")
        ));
    }

    #[test]
    fn title_before_a_name_is_accepted() {
        assert!(same_speaker(
            &names(&["سيرجي لافروف"]),
            Some("وزير الخارجية الروسي سيرجي لافروف")
        ));
    }

    #[test]
    fn a_generic_head_alone_is_not_enough() {
        assert!(!same_speaker(
            &names(&["مسؤول رفيع المستوى في الإدارة"]),
            Some("مسؤول")
        ));
    }

    #[test]
    fn null_gold_matches_only_null() {
        assert!(same_speaker(&[], None));
        assert!(!same_speaker(&[], Some("أحد")));
    }

    #[test]
    fn boundaries_skip_whitespace_and_document_edges() {
        let text: Vec<char> = "أ. ب.".chars().collect();
        assert_eq!(
            boundaries(&text, [(0, 2), (3, 5)])
                .into_iter()
                .collect::<Vec<_>>(),
            [3]
        );
    }
}
