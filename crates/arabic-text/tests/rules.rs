//! Table tests, one table per rule, on sentences written the way Arabic news copy is
//! (made up for these tests, not taken from any article).

use arabic_text::{
    NormalizeOptions, Normalized, Normalizer, Profile, RuleOverrides, fold_for_matching,
};

fn normalize_with(options: NormalizeOptions, input: &str) -> Normalized {
    Normalizer::new(options).normalize(input)
}

fn translation(input: &str) -> String {
    normalize_with(NormalizeOptions::new(Profile::Translation), input)
        .text()
        .to_owned()
}

fn matching(input: &str) -> String {
    normalize_with(NormalizeOptions::new(Profile::Matching), input)
        .text()
        .to_owned()
}

fn with_overrides(profile: Profile, overrides: RuleOverrides, input: &str) -> String {
    let options = NormalizeOptions {
        profile,
        overrides,
        record_edits: false,
    };
    normalize_with(options, input).text().to_owned()
}

/// Checks a table of (input, translation, matching) rows.
fn check(table: &[(&str, &str, &str)]) {
    for &(input, expected_translation, expected_matching) in table {
        assert_eq!(
            translation(input),
            expected_translation,
            "translation of {input:?}"
        );
        assert_eq!(matching(input), expected_matching, "matching of {input:?}");
    }
}

#[test]
fn nfc_composes_and_reorders() {
    check(&[
        // alef + combining madda → آ
        ("ال\u{0627}\u{0653}ن", "الآن", "الان"),
        // shadda typed before fatha is not canonical order
        (
            "شد\u{0651}\u{064E} الحبل",
            "شد\u{064E}\u{0651} الحبل",
            "شد الحبل",
        ),
        // waw + combining hamza above → ؤ
        ("مس\u{0648}\u{0654}ول", "مسؤول", "مسؤول"),
    ]);
    let out = normalize_with(
        NormalizeOptions::new(Profile::Translation),
        "ال\u{0627}\u{0653}ن",
    );
    let madda = out.text().find('آ').expect("composed");
    assert_eq!(out.to_original(madda..madda + 2), madda..madda + 4);
}

#[test]
fn presentation_forms_become_letters() {
    check(&[
        ("\u{FEFB} تراجع", "لا تراجع", "لا تراجع"),
        ("ﺍﻟﺴﻼﻡ عليكم", "السلام عليكم", "السلام عليكم"),
        ("\u{FEF7}ن", "لأن", "لان"),
        ("\u{FEF9}عادة", "لإعادة", "لاعاده"),
        ("\u{FEF5}خر", "لآخر", "لاخر"),
        ("ﺑﻴﺮﻭﺕ", "بيروت", "بيروت"),
        // isolated and final Farsi yeh forms are drawn dotless, initial ones with dots
        ("عل\u{FBFC}", "على", "علي"),
        ("\u{FBFE}وم", "يوم", "يوم"),
        // phrase ligatures stay one symbol
        ("النبي ﷺ", "النبي ﷺ", "النبي ﷺ"),
    ]);
    let out = normalize_with(NormalizeOptions::new(Profile::Translation), "\u{FEFB}");
    assert_eq!(out.text(), "لا");
    // Each letter of the ligature maps back to the whole ligature.
    assert_eq!(out.to_original(0..2), 0..3);
    assert_eq!(out.to_original(2..4), 0..3);
}

#[test]
fn persian_look_alikes_become_arabic_letters() {
    check(&[
        ("کتاب جدید", "كتاب جديد", "كتاب جديد"),
        ("علی الحدود", "على الحدود", "علي الحدود"),
        ("یوم الخمیس", "يوم الخميس", "يوم الخميس"),
        ("مدرسۀ", "مدرسة", "مدرسه"),
        ("ھذا القرار", "هذا القرار", "هذا القرار"),
    ]);
}

#[test]
fn invisible_and_control_characters_are_removed() {
    check(&[
        ("الأمم\u{200F} المتحدة", "الأمم المتحدة", "الامم المتحده"),
        ("\u{FEFF}قال المتحدث", "قال المتحدث", "قال المتحدث"),
        ("مجل\u{00AD}س الأمن", "مجلس الأمن", "مجلس الامن"),
        ("\u{202B}بيان رسمي\u{202C}", "بيان رسمي", "بيان رسمي"),
        ("وزير\u{200C}ة", "وزيرة", "وزيره"),
        ("خبر\u{0007}عاجل", "خبرعاجل", "خبرعاجل"),
        ("\u{2067}2024\u{2069} عام", "2024 عام", "2024 عام"),
    ]);
}

#[test]
fn tatweel_is_removed_unless_overridden() {
    check(&[("الرئيـــــس", "الرئيس", "الرئيس")]);
    let keep = RuleOverrides {
        remove_tatweel: Some(false),
        ..RuleOverrides::default()
    };
    assert_eq!(
        with_overrides(Profile::Translation, keep, "الرئيـــــس"),
        "الرئيـــــس"
    );
}

#[test]
fn whitespace_is_collapsed_and_paragraphs_survive() {
    check(&[
        (
            "قال  الوزير\u{00A0}\u{00A0}أمس",
            "قال الوزير أمس",
            "قال الوزير امس",
        ),
        (
            "السطر الأول\r\nالسطر الثاني",
            "السطر الأول\nالسطر الثاني",
            "السطر الاول\nالسطر الثاني",
        ),
        (
            "فقرة أولى\n\n\n\nفقرة ثانية",
            "فقرة أولى\n\nفقرة ثانية",
            "فقره اولي\n\nفقره ثانيه",
        ),
        ("فقرة \n  \n  تالية", "فقرة\n\nتالية", "فقره\n\nتاليه"),
        ("  نص محاط بمسافات  ", "نص محاط بمسافات", "نص محاط بمسافات"),
        ("سطر\u{2028}سطر", "سطر\nسطر", "سطر\nسطر"),
        ("فقرة\u{2029}فقرة", "فقرة\nفقرة", "فقره\nفقره"),
        (
            "مسافة\u{2009}رقيقة\u{2007}و\u{3000}عريضة",
            "مسافة رقيقة و عريضة",
            "مسافه رقيقه و عريضه",
        ),
        ("جدول\tبيانات", "جدول بيانات", "جدول بيانات"),
    ]);
}

#[test]
fn punctuation_spacing_is_regular() {
    check(&[
        ("قال ، إن الاجتماع", "قال، إن الاجتماع", "قال, ان الاجتماع"),
        ("قال،إن الاجتماع", "قال، إن الاجتماع", "قال, ان الاجتماع"),
        ("ماذا بعد ؟", "ماذا بعد؟", "ماذا بعد?"),
        ("أولاً ؛ ثانياً", "أولاً؛ ثانياً", "اولا; ثانيا"),
        ("وقال:إن الوفد", "وقال: إن الوفد", "وقال: ان الوفد"),
        // abbreviations and clock times are left alone
        ("(أ.ف.ب)", "(أ.ف.ب)", "(ا.ف.ب)"),
        (
            "الساعة 10:30 صباحاً",
            "الساعة 10:30 صباحاً",
            "الساعه 10:30 صباحا",
        ),
    ]);
}

#[test]
fn arabic_punctuation_is_latin_only_for_matching() {
    check(&[
        ("نعم، لا؛ لماذا؟", "نعم، لا؛ لماذا؟", "نعم, لا; لماذا?"),
        ("ارتفع ٪", "ارتفع ٪", "ارتفع %"),
    ]);
}

#[test]
fn quotation_marks_keep_their_direction() {
    check(&[
        ("قال \"نعم\" أمس", "قال «نعم» أمس", "قال «نعم» امس"),
        // mirrored curly quotes, as Arabic keyboards produce them
        ("قال ”نعم“ أمس", "قال «نعم» أمس", "قال «نعم» امس"),
        ("قال “نعم” أمس", "قال «نعم» أمس", "قال «نعم» امس"),
        (
            "وصف الوضع بأنه \"خطير\".",
            "وصف الوضع بأنه «خطير».",
            "وصف الوضع بانه «خطير».",
        ),
        ("\"لا\"، قال الوزير", "«لا»، قال الوزير", "«لا», قال الوزير"),
        (
            "قال: \"إن \"الاتفاق\" نهائي\"",
            "قال: «إن «الاتفاق» نهائي»",
            "قال: «ان «الاتفاق» نهائي»",
        ),
        ("„نعم“", "«نعم»", "«نعم»"),
        ("‹نعم›", "«نعم»", "«نعم»"),
        ("＂نعم＂", "«نعم»", "«نعم»"),
        ("〝نعم〞", "«نعم»", "«نعم»"),
        ("«نعم»", "«نعم»", "«نعم»"),
        // a one-letter prefix written against the opening mark
        (
            "وصفه بـ\"الخطير\" و\"المقلق\"",
            "وصفه ب«الخطير» و«المقلق»",
            "وصفه ب«الخطير» و«المقلق»",
        ),
        ("وفقاً ل\"رويترز\"", "وفقاً ل«رويترز»", "وفقا ل«رويترز»"),
        ("ول\"الحكومة\" رأي", "ول«الحكومة» رأي", "ول«الحكومه» راي"),
        // …but a quoted one-letter word closes after its letter
        ("فريق \"ب\" الرديف", "فريق «ب» الرديف", "فريق «ب» الرديف"),
        // a letter that is not a prefix, inside a word: no direction
        ("س\"ع", "س\"ع", "س\"ع"),
        // after a colon, even at the end of a line
        (
            "قال مصدر:\"\nلن نتراجع\"",
            "قال مصدر:«\nلن نتراجع»",
            "قال مصدر:«\nلن نتراجع»",
        ),
        // no context and no glyph direction: the neutral mark
        ("قال \" أمس", "قال \" أمس", "قال \" امس"),
        // a double prime after a digit is a unit
        ("30°15′20″ شمالاً", "30°15′20″ شمالاً", "30°15′20″ شمالا"),
    ]);
    let no_quotes = RuleOverrides {
        unify_quotes: Some(false),
        ..RuleOverrides::default()
    };
    assert_eq!(
        with_overrides(Profile::Translation, no_quotes, "“نعم”"),
        "“نعم”"
    );
}

#[test]
fn digits_become_ascii() {
    check(&[
        ("عام ٢٠٢٤", "عام 2024", "عام 2024"),
        ("سنة ۱۴۰۲", "سنة 1402", "سنه 1402"),
        ("نمو ٣٫٥٪", "نمو 3.5٪", "نمو 3.5%"),
        ("١٢٬٥٠٠ إصابة", "12,500 إصابة", "12,500 اصابه"),
    ]);
    let keep = RuleOverrides {
        ascii_digits: Some(false),
        ..RuleOverrides::default()
    };
    assert_eq!(
        with_overrides(Profile::Translation, keep, "عام ٢٠٢٤"),
        "عام ٢٠٢٤"
    );
}

#[test]
fn diacritics_are_removed_only_for_matching() {
    check(&[
        ("مُحَمَّدٌ", "مُحَمَّدٌ", "محمد"),
        ("هٰذا", "هٰذا", "هذا"),
        ("ٱلرَّحْمَٰنِ", "ٱلرَّحْمَٰنِ", "الرحمن"),
        ("قِلى\u{06D6}", "قِلى\u{06D6}", "قلي"),
    ]);
    let remove = RuleOverrides {
        remove_diacritics: Some(true),
        ..RuleOverrides::default()
    };
    assert_eq!(with_overrides(Profile::Translation, remove, "مُحَمَّدٌ"), "محمد");
}

#[test]
fn letter_folds_apply_only_for_matching() {
    check(&[
        ("أحمد", "أحمد", "احمد"),
        ("إعلان", "إعلان", "اعلان"),
        ("آخر", "آخر", "اخر"),
        ("ٱلمدينة", "ٱلمدينة", "المدينه"),
        ("مستشفى", "مستشفى", "مستشفي"),
        ("الحكومة", "الحكومة", "الحكومه"),
        // hamza carriers are folded only when asked for
        ("مسؤول رئيس", "مسؤول رئيس", "مسؤول رئيس"),
    ]);
    let carriers = RuleOverrides {
        fold_hamza_carriers: Some(true),
        ..RuleOverrides::default()
    };
    assert_eq!(
        with_overrides(Profile::Matching, carriers, "مسؤول رئيس"),
        "مسوول رييس"
    );
}

#[test]
fn elongation_collapses_only_when_asked_for() {
    let on = RuleOverrides {
        collapse_elongation: Some(true),
        ..RuleOverrides::default()
    };
    let rows = [
        ("جمييييل", "جميل"),
        ("ههههههه", "ه"),
        ("الله", "الله"),
        ("ممتاز", "ممتاز"),
        ("رائعععـــع", "رائع"),
    ];
    for (input, expected) in rows {
        assert_eq!(
            with_overrides(Profile::Matching, on.clone(), input),
            expected,
            "{input:?}"
        );
    }
    assert_eq!(matching("جمييييل"), "جمييييل");
}

#[test]
fn replacement_characters_are_reported() {
    let input = "نص\u{FFFD}\u{FFFD}آخر \u{FFFD}";
    let out = normalize_with(NormalizeOptions::new(Profile::Translation), input);
    let spans: Vec<_> = out
        .diagnostics()
        .iter()
        .map(|d| d.original.clone())
        .collect();
    assert_eq!(spans, vec![4..10, 17..20]);
    assert!(
        out.diagnostics()
            .iter()
            .all(|d| d.code == "replacement-character")
    );
    // The characters are kept: the text was lost before us, and hiding it would hide that.
    assert_eq!(out.text(), input);
}

#[test]
fn none_profile_changes_nothing() {
    let input = "  قال ”نعم“\u{200F} ﻻ ٢٠٢٤\r\n";
    let out = normalize_with(NormalizeOptions::new(Profile::None), input);
    assert_eq!(out.text(), input);
    assert_eq!(out.to_original(3..9), 3..9);
}

#[test]
fn edits_name_their_rules() {
    let options = NormalizeOptions {
        record_edits: true,
        ..NormalizeOptions::new(Profile::Translation)
    };
    let input = "قال  \"نعم\" عام ٢٠٢٤ الرئيـس";
    let out = normalize_with(options, input);
    let rules: Vec<&str> = out.edits().iter().map(|e| e.rule).collect();
    assert_eq!(
        rules,
        [
            "whitespace",
            "quotation-mark",
            "quotation-mark",
            "ascii-digit",
            "ascii-digit",
            "ascii-digit",
            "ascii-digit",
            "tatweel"
        ]
    );
    for edit in out.edits() {
        assert_ne!(
            &input[edit.original.clone()],
            &out.text()[edit.normalized.clone()]
        );
    }
    // Without the option the list stays empty.
    let quiet = normalize_with(NormalizeOptions::new(Profile::Translation), input);
    assert!(quiet.edits().is_empty());
}

#[test]
fn offsets_map_a_word_around_deletions() {
    let input = "قال الرئيـــس\u{200F} اليوم";
    let out = normalize_with(NormalizeOptions::new(Profile::Translation), input);
    assert_eq!(out.text(), "قال الرئيس اليوم");
    let word = out.text().find("الرئيس").expect("word");
    let original = out.to_original(word..word + "الرئيس".len());
    // The tatweel inside the word is covered; the RLM after it is not.
    assert_eq!(&input[original.clone()], "الرئيـــس");
    assert_eq!(out.to_normalized(original), word..word + "الرئيس".len());
    // An original range made only of deleted characters maps to an empty range.
    let rlm = input.find('\u{200F}').expect("rlm");
    let deleted = out.to_normalized(rlm..rlm + 3);
    assert!(deleted.is_empty());
}

/// `fold_for_matching` agrees with the matching profile on every character of the Basic
/// Multilingual Plane that the profile maps on its own (outside whitespace and quotation
/// marks, which depend on context, and characters that NFC changes).
#[test]
fn fold_for_matching_agrees_with_the_matching_profile() {
    let normalizer = Normalizer::new(NormalizeOptions::new(Profile::Matching));
    let mut checked = 0;
    for cp in 0..=0xFFFF_u32 {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        if c.is_whitespace() || "\"“”„‟«»‹›″〝〞〟＂".contains(c) {
            continue;
        }
        let single = c.to_string();
        if !unicode_normalization::is_nfc(&single) {
            continue;
        }
        let normalized = normalizer.normalize(&single);
        let text = normalized.text();
        match fold_for_matching(c) {
            None => assert_eq!(
                text, "",
                "U+{cp:04X} is folded away but normalizes to {text:?}"
            ),
            Some(folded) => {
                if text.chars().count() == 1 {
                    assert_eq!(text.chars().next(), Some(folded), "U+{cp:04X}");
                    checked += 1;
                } else {
                    // Only ligatures expand to several letters, and fold keeps them.
                    assert_eq!(folded, c, "U+{cp:04X} → {text:?}");
                }
            }
        }
    }
    assert!(checked > 60_000, "only {checked} characters compared");
}
