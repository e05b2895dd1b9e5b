//! One test per construction of Arabic news attribution, on short examples written for
//! these tests in the style of news prose.

use std::ops::Range;

use quotes::{Analysis, Position, Quotation, QuotationKind, analyze};

/// Blocks are the non-empty lines, trimmed, as the pipeline passes paragraphs.
fn blocks(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split('\n') {
        let start = pos + (line.len() - line.trim_start().len());
        let end = pos + line.trim_end().len();
        if end > start {
            out.push(start..end);
        }
        pos += line.len() + 1;
    }
    out
}

fn run(text: &str) -> Analysis {
    analyze(text, &blocks(text))
}

fn direct(a: &Analysis) -> Vec<&Quotation> {
    a.quotations
        .iter()
        .filter(|q| q.kind == QuotationKind::Direct)
        .collect()
}

fn speaker_name<'a>(a: &'a Analysis, q: &Quotation) -> Option<&'a str> {
    let s = q.attribution.as_ref()?.speaker?;
    Some(a.speakers[s].canonical_name.as_str())
}

fn mention<'a>(text: &'a str, q: &Quotation) -> Option<&'a str> {
    q.attribution
        .as_ref()?
        .speaker_mention
        .clone()
        .map(|r| &text[r])
}

#[test]
fn continuation_cue_inherits_previous_speaker() {
    let text = "وقال وزير المالية أحمد سالم \"نحن ملتزمون بخفض العجز هذا العام.\"\n\
                وأضاف \"سنطرح خطة جديدة للإصلاح قريبا.\"";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(d.len(), 2);
    assert_eq!(speaker_name(&a, d[0]), Some("أحمد سالم"));
    assert_eq!(speaker_name(&a, d[1]), Some("أحمد سالم"));
    let at = d[1].attribution.as_ref().unwrap();
    assert_eq!(at.position, Position::Continuation);
    assert_eq!(at.speaker_mention, None);
    assert_eq!(at.cue.as_ref().unwrap().lemma, "أضاف");
    assert_eq!(&text[at.cue.as_ref().unwrap().span.clone()], "وأضاف");
}

#[test]
fn colon_introduced_quote_after_cue() {
    let text = "قال المتحدث باسم الحكومة: \"لن نتراجع عن هذه القرارات مهما حدث.\"";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(d.len(), 1);
    assert_eq!(
        &text[d[0].content.clone()],
        "لن نتراجع عن هذه القرارات مهما حدث."
    );
    assert_eq!(mention(text, d[0]), Some("المتحدث باسم الحكومة"));
    let at = d[0].attribution.as_ref().unwrap();
    assert_eq!(at.position, Position::Before);
    assert_eq!(at.cue.as_ref().unwrap().lemma, "قال");
}

#[test]
fn quote_then_cue_then_speaker() {
    let text = "\"الوضع في المدينة هادئ تماما الآن\"، قال قائد الشرطة محمود ناصر.";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(d.len(), 1);
    let at = d[0].attribution.as_ref().unwrap();
    assert_eq!(at.position, Position::After);
    assert_eq!(mention(text, d[0]), Some("قائد الشرطة محمود ناصر"));
    assert_eq!(speaker_name(&a, d[0]), Some("محمود ناصر"));
    let s = &a.speakers[at.speaker.unwrap()];
    assert_eq!(s.roles, vec!["قائد الشرطة".to_string()]);
}

#[test]
fn attribution_with_hasab_after_the_quote() {
    let text = "\"المشكلة أعمق بكثير مما يظن الجميع\"، حسب الباحثة هدى منصور.";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(d.len(), 1);
    assert_eq!(speaker_name(&a, d[0]), Some("هدى منصور"));
}

#[test]
fn film_title_in_quotes_is_title_not_speech() {
    let text = "وعرض فيلم \"رحلة إلى الجنوب الأخير\" في افتتاح المهرجان.";
    let a = run(text);
    assert_eq!(a.quotations.len(), 1);
    assert_eq!(a.quotations[0].kind, QuotationKind::Title);
    assert!(direct(&a).is_empty());
}

#[test]
fn hashtag_and_campaign_titles_are_titles() {
    let text = "وأطلق ناشطون وسما بعنوان \"لا للغلاء في بلادنا\" على مواقع التواصل.\n\
                ضمن مبادرة «معا نبني المستقبل» نظمت الوزارة ندوة.";
    let a = run(text);
    assert!(direct(&a).is_empty(), "{:?}", a.quotations);
    assert_eq!(a.quotations[0].kind, QuotationKind::Title);
}

#[test]
fn nickname_in_quotes_is_name_not_speech() {
    let text = "والتقى الوفد قائد الجماعة \"أبو محمد\" في المدينة.";
    let a = run(text);
    assert_eq!(a.quotations.len(), 1);
    assert_eq!(a.quotations[0].kind, QuotationKind::Name);
}

#[test]
fn single_scare_quoted_word_is_a_term() {
    let text = "ووصفت الصحف الخطة بأنها \"مغامرة\" خطيرة.";
    let a = run(text);
    let terms: Vec<_> = a
        .quotations
        .iter()
        .filter(|q| q.open_mark.is_some())
        .collect();
    assert_eq!(terms.len(), 1);
    assert_eq!(terms[0].kind, QuotationKind::Term);
}

#[test]
fn speaker_stops_before_circumstance_phrase() {
    let text = "وقال مسؤول حكومي كبير لوكالة الأنباء يوم الخميس \"الاتفاق سيوقع قريبا جدا.\"";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(d.len(), 1);
    assert_eq!(mention(text, d[0]), Some("مسؤول حكومي كبير"));
    let s = &a.speakers[d[0].attribution.as_ref().unwrap().speaker.unwrap()];
    assert!(s.anonymous);
    assert!(!s.plural);
}

#[test]
fn speaker_stops_before_participial_clause() {
    let text = "وقال دبلوماسي غربي مشترطا عدم نشر اسمه \"المفاوضات وصلت إلى طريق مسدود.\"";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(d.len(), 1);
    assert_eq!(mention(text, d[0]), Some("دبلوماسي غربي"));
}

#[test]
fn relative_clause_is_not_part_of_speaker() {
    let text = "وقال سامي خليل الذي يرأس اللجنة منذ عامين \"سنعلن النتائج الأسبوع المقبل.\"";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(d.len(), 1);
    assert_eq!(mention(text, d[0]), Some("سامي خليل"));
}

#[test]
fn trailing_apposition_after_name_is_dropped() {
    let text = "ويقول كمال عيسى، أستاذ الاقتصاد في الجامعة: \"الأسعار سترتفع مجددا هذا الصيف.\"";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(mention(text, d[0]), Some("كمال عيسى"));
}

#[test]
fn feminine_cue_skips_masculine_speaker() {
    let text = "وقالت الوزيرة سلمى حداد \"سنفتح المدارس في موعدها المحدد.\"\n\
                وقال النائب كريم يوسف \"هذا القرار متسرع وغير مدروس أبدا.\"\n\
                وأضافت \"لا يوجد أي خطر على صحة الطلاب.\"";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(d.len(), 3);
    assert_eq!(speaker_name(&a, d[1]), Some("كريم يوسف"));
    assert_eq!(speaker_name(&a, d[2]), Some("سلمى حداد"));
}

#[test]
fn plural_cue_resolves_to_group() {
    let text = "وقال نواب معارضون إن الحكومة فشلت في إدارة الأزمة.\n\
                وقال الوزير سعيد نجم \"الحكومة قامت بكل ما يلزم.\"\n\
                وتابعوا \"لن نصوت على الميزانية بهذا الشكل.\"";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(d.len(), 2);
    let s = &a.speakers[d[1].attribution.as_ref().unwrap().speaker.unwrap()];
    assert!(s.plural);
    assert_eq!(s.canonical_name, "نواب معارضون");
}

#[test]
fn indirect_speech_with_inna_is_reported() {
    let text = "وقال المتحدث باسم الجيش إن القوات سيطرت على المدينة بالكامل.";
    let a = run(text);
    assert_eq!(a.quotations.len(), 1);
    let q = &a.quotations[0];
    assert_eq!(q.kind, QuotationKind::Indirect);
    assert_eq!(&text[q.content.clone()], "القوات سيطرت على المدينة بالكامل");
    assert_eq!(mention(text, q), Some("المتحدث باسم الجيش"));
    assert_eq!(q.open_mark, None);
}

#[test]
fn continuation_after_indirect_speech_takes_its_speaker() {
    let text = "وقال الخبير الاقتصادي فادي ربيع إن التضخم سيتراجع في الربع المقبل.\n\
                وأضاف \"البنك المركزي يملك الأدوات اللازمة لذلك.\"";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(d.len(), 1);
    assert_eq!(speaker_name(&a, d[0]), Some("فادي ربيع"));
}

#[test]
fn surname_merges_with_full_name() {
    let text = "وقال وزير الخارجية الفرنسي جان مارتان \"سنواصل دعم الحل السياسي.\"\n\
                وقال مارتان \"لن نقبل بأي تصعيد عسكري جديد.\"";
    let a = run(text);
    let d = direct(&a);
    let s0 = d[0].attribution.as_ref().unwrap().speaker;
    let s1 = d[1].attribution.as_ref().unwrap().speaker;
    assert!(s0.is_some());
    assert_eq!(s0, s1);
    let s = &a.speakers[s0.unwrap()];
    assert_eq!(s.canonical_name, "جان مارتان");
    assert_eq!(s.mentions.len(), 2);
    assert_eq!(s.roles, vec!["وزير الخارجية الفرنسي".to_string()]);
}

#[test]
fn surname_takes_fuller_name_from_elsewhere() {
    let text = "والتقى الوفد وزير الدفاع الإيطالي ماركو بيانكي في روما.\n\
                وفي مؤتمر صحفي انتقد بيانكي الخطة وقال \"هذا الحل لن ينجح أبدا.\"";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(d.len(), 1);
    assert_eq!(speaker_name(&a, d[0]), Some("ماركو بيانكي"));
    let s = &a.speakers[d[0].attribution.as_ref().unwrap().speaker.unwrap()];
    assert_eq!(s.roles, vec!["وزير الدفاع الإيطالي".to_string()]);
    assert_eq!(s.mentions.len(), 2);
}

#[test]
fn definite_subject_does_not_swallow_the_object() {
    let text = "وتتهم الحكومة الأمريكية الوزارة بالتقصير وتقول إن الأزمة كانت متوقعة.";
    let a = run(text);
    let q = &a.quotations[0];
    assert_eq!(mention(text, q), Some("الحكومة الأمريكية"));
}

#[test]
fn definite_description_merges_with_earlier_indefinite() {
    let text = "وقال مصدر مطلع \"الاجتماع تأجل إلى الأسبوع المقبل.\"\n\
                وقال المصدر \"لم يحدد موعد جديد حتى الآن.\"";
    let a = run(text);
    let d = direct(&a);
    let s0 = d[0].attribution.as_ref().unwrap().speaker;
    assert_eq!(s0, d[1].attribution.as_ref().unwrap().speaker);
    assert!(a.speakers[s0.unwrap()].anonymous);
}

#[test]
fn different_anonymous_sources_stay_apart() {
    let text = "وقال مسؤول أمني \"الحدود مغلقة بالكامل منذ أمس.\"\n\
                وقال مسؤول عسكري \"القوات في حالة تأهب قصوى.\"";
    let a = run(text);
    let d = direct(&a);
    assert_ne!(
        d[0].attribution.as_ref().unwrap().speaker,
        d[1].attribution.as_ref().unwrap().speaker
    );
}

#[test]
fn interrupted_quotation_has_one_speaker() {
    let text = "\"هذه خطوة مهمة للجميع\"، تقول الطبيبة ليلى عمر، وتضيف: \"لكن الطريق ما زال طويلا أمامنا.\"";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(d.len(), 2);
    assert_eq!(speaker_name(&a, d[0]), Some("ليلى عمر"));
    assert_eq!(speaker_name(&a, d[1]), Some("ليلى عمر"));
    assert_eq!(
        d[1].attribution.as_ref().unwrap().position,
        Position::Interrupting
    );
}

#[test]
fn headline_form_speaker_colon_quote() {
    let text = "وزير الصحة: «لا داعي للقلق من الفيروس الجديد»";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(d.len(), 1);
    let at = d[0].attribution.as_ref().unwrap();
    assert!(at.cue.is_none());
    assert_eq!(mention(text, d[0]), Some("وزير الصحة"));
}

#[test]
fn participial_cue_takes_main_clause_subject() {
    let text = "ورد الوزير خالد منصور على الانتقادات قائلا: \"كل الإجراءات كانت قانونية.\"";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(d.len(), 1);
    assert_eq!(speaker_name(&a, d[0]), Some("خالد منصور"));
}

#[test]
fn conjoined_cue_shares_subject_of_first_verb() {
    let text = "وانتقد الوزير نبيل سمير القرار وقال \"هذا خطأ لا يمكن قبوله.\"";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(speaker_name(&a, d[0]), Some("نبيل سمير"));
}

#[test]
fn reversed_curly_marks_pair() {
    let text = "وقال الخبير: ”الأسعار سترتفع في الأشهر المقبلة“.";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(d.len(), 1);
    assert_eq!(
        &text[d[0].content.clone()],
        "الأسعار سترتفع في الأشهر المقبلة"
    );
    assert!(a.diagnostics.is_empty());
}

#[test]
fn straight_quote_direction_decided_by_context() {
    // The glued «و"…"» and «بـ"…"» open; a mark before a space or punctuation closes.
    let text =
        "ووصف البيان الوضع بـ\"الخطير\" و\"المقلق\"، وقال الوزير: \" الحل بيد الجميع الآن \".";
    let a = run(text);
    let marked: Vec<_> = a
        .quotations
        .iter()
        .filter(|q| q.open_mark.is_some())
        .collect();
    assert_eq!(marked.len(), 3);
    assert_eq!(&text[marked[2].content.clone()], "الحل بيد الجميع الآن");
    assert_eq!(marked[2].kind, QuotationKind::Direct);
    assert!(a.diagnostics.is_empty());
}

#[test]
fn nested_title_inside_quotation_is_inner_span() {
    let text = "وقال المخرج: \"فيلمي «البحر» يحكي قصة عائلة فقيرة.\"";
    let a = run(text);
    let marked: Vec<_> = a
        .quotations
        .iter()
        .filter(|q| q.open_mark.is_some())
        .collect();
    assert_eq!(marked.len(), 1);
    assert_eq!(marked[0].kind, QuotationKind::Direct);
    assert_eq!(marked[0].nested.len(), 1);
    assert_eq!(&text[marked[0].nested[0].clone()], "البحر");
}

#[test]
fn unclosed_mark_reported_and_confined_to_paragraph() {
    let text = "وقال المدير \"سنبدأ العمل غدا في الموقع الجديد\n\
                وفي فقرة أخرى يتحدث التقرير عن الطقس \"الحار\" في المنطقة.";
    let a = run(text);
    assert_eq!(a.diagnostics.len(), 1);
    let d = &a.diagnostics[0];
    assert_eq!(d.code, "unbalanced-quotation-mark");
    assert_eq!(&text[d.span.clone()], "\"");
    assert_eq!(d.span.start, text.find('"').unwrap());
    let first_line_end = text.find('\n').unwrap();
    for q in &a.quotations {
        if q.open_mark == Some(d.span.clone()) {
            assert!(q.content.end <= first_line_end);
            assert_eq!(q.close_mark, None);
        }
    }
    // The second paragraph's own pair is intact.
    assert!(
        a.quotations
            .iter()
            .any(|q| &text[q.content.clone()] == "الحار")
    );
}

#[test]
fn multi_paragraph_quotation_follows_news_convention() {
    let text = "وقال الرئيس: \"الفقرة الأولى من الكلام المهم جدا.\n\
                \"والفقرة الثانية تكمل الكلام نفسه حتى النهاية.\"";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(d.len(), 1);
    assert!(a.diagnostics.is_empty());
    assert_eq!(d[0].continuation_marks.len(), 1);
    assert!(text[d[0].content.clone()].ends_with("حتى النهاية."));
}

#[test]
fn quoted_continuation_paragraph_without_cue_keeps_speaker() {
    let text = "ويقول التقرير \"قتل العشرات في القصف الأخير على القرى.\"\n\
                \"وأصيب آخرون بجروح خطيرة في المنطقة نفسها.\"";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(d.len(), 2);
    assert_eq!(
        d[1].attribution.as_ref().unwrap().position,
        Position::Continuation
    );
    assert_eq!(speaker_name(&a, d[1]), Some("التقرير"));
}

#[test]
fn pull_quote_subheading_is_not_speech() {
    let text = "وقال الوزير \"لا تغيير في السياسة الحالية.\"\n* \"لا تغيير أبدا\"\nوتستمر المحادثات.";
    let a = run(text);
    assert_eq!(direct(&a).len(), 1);
}

#[test]
fn text_outside_blocks_is_ignored() {
    let text = "وقال الوزير \"كلام خارج الكتل لا يحسب.\"\nنص عادي.";
    let second: Range<usize> = text.find('\n').unwrap() + 1..text.len();
    let only_second = [second];
    let a = analyze(text, &only_second);
    assert!(a.quotations.is_empty());
    assert!(a.speakers.is_empty());
}

#[test]
fn quotations_come_in_text_order() {
    let text = "وقال المسؤول إن الوضع مستقر.\nوقال الطبيب \"المرضى بخير الآن.\"\nوذكر البيان أن الحادث وقع ليلا.";
    let a = run(text);
    assert!(
        a.quotations
            .windows(2)
            .all(|w| w[0].content.start <= w[1].content.start)
    );
    assert_eq!(a.quotations.len(), 3);
}

#[test]
fn naql_an_reports_the_source_not_the_agency() {
    let text = "ونقلت وكالة الأنباء الرسمية عن مصدر عسكري قوله إن القوات تقدمت نحو المدينة.";
    let a = run(text);
    let q = &a.quotations[0];
    assert_eq!(q.kind, QuotationKind::Indirect);
    assert_eq!(mention(text, q), Some("مصدر عسكري"));
}

#[test]
fn wafqan_li_with_fused_article_after_the_quote() {
    let text = "\"لن نسمح بتكرار ما حدث في الماضي\"، وفقا للمتحدث باسم الشرطة.";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].attribution.as_ref().unwrap().position, Position::After);
    // Only the preposition is left out of «للمتحدث».
    assert_eq!(mention(text, d[0]), Some("لمتحدث باسم الشرطة"));
}

#[test]
fn name_ali_is_not_the_preposition_ala() {
    let text = "وتساءل النائب محمد علي: \"من سيتحمل مسؤولية هذا الفشل؟\"";
    let a = run(text);
    assert_eq!(speaker_name(&a, direct(&a)[0]), Some("محمد علي"));
}

#[test]
fn spokesperson_on_behalf_of_then_name() {
    let text = "وقال المتحدث باسم المنظمة الدولية سامي فريد للصحفيين \"الوضع كارثي بكل المقاييس.\"\n\
                وأضاف فريد أن المساعدات لم تصل بعد.";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(speaker_name(&a, d[0]), Some("سامي فريد"));
    let ind = a
        .quotations
        .iter()
        .find(|q| q.kind == QuotationKind::Indirect)
        .unwrap();
    assert_eq!(
        ind.attribution.as_ref().unwrap().speaker,
        d[0].attribution.as_ref().unwrap().speaker
    );
}

#[test]
fn ticker_items_do_not_share_cues() {
    // Headlines joined by runs of no-break spaces, as in a crawled ticker.
    let text = "وزير يعلن خطة جديدة\u{a0}\u{a0}\u{a0}\u{a0}\"لا مكان للفساد بيننا\" .. شعار الحملة";
    let a = run(text);
    assert!(direct(&a).is_empty(), "{:?}", a.quotations);
}

#[test]
fn series_title_next_to_a_cue_stays_title() {
    let text = "وقال المخرج إن مسلسل \"أيام الحب والحرب في المدينة القديمة\" سيعرض قريبا.";
    let a = run(text);
    assert!(direct(&a).is_empty());
    assert!(a.quotations.iter().any(|q| q.kind == QuotationKind::Title));
}

#[test]
fn definite_noun_before_marks_is_not_a_title_marker() {
    let text = "وقال مصدر أمني إن الضابط الذي قاد العملية \"لم يكن على علم بكل التفاصيل\".";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(d.len(), 1);
    assert_eq!(mention(text, d[0]), Some("مصدر أمني"));
}

#[test]
fn nominal_cue_with_fa_inna_is_indirect_speech() {
    let text = "وبحسب المصدر، فإن الاجتماع سيعقد في العاصمة الأسبوع المقبل.";
    let a = run(text);
    assert_eq!(a.quotations.len(), 1);
    assert_eq!(a.quotations[0].kind, QuotationKind::Indirect);
    assert_eq!(mention(text, &a.quotations[0]), Some("المصدر"));
}

#[test]
fn hashtag_in_quotes_is_a_title() {
    let text = "وقال ناشطون إنهم أطلقوا \"#لا_للحرب_في_بلادنا\" على مواقع التواصل.";
    let a = run(text);
    assert!(a.quotations.iter().any(|q| q.kind == QuotationKind::Title));
    assert!(direct(&a).is_empty());
}

#[test]
fn anaphor_after_pronoun_object_is_the_speaker() {
    let text = "وكان رئيس البلدية قد أجرى حوارا مع الصحيفة، قال فيه الأخير إن \"المدينة تحتاج إلى استثمارات كبيرة\".";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(d.len(), 1);
    assert_eq!(mention(text, d[0]), Some("الأخير"));
}

#[test]
fn name_merges_with_its_definite_apposition() {
    let text = "\"العمل هنا ممتع رغم التعب الشديد\"، هكذا تقول سلمى المرأة الريفية.\n\
                وتقول سلمى \"لن أترك هذا المكان أبدا.\"";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(d.len(), 2);
    assert_eq!(
        d[0].attribution.as_ref().unwrap().speaker,
        d[1].attribution.as_ref().unwrap().speaker
    );
}

#[test]
fn relative_clause_reported_as_description() {
    let text = "وقال سامي خليل الذي يرأس اللجنة منذ عامين \"سنعلن النتائج الأسبوع المقبل.\"";
    let a = run(text);
    let at = direct(&a)[0].attribution.clone().unwrap();
    assert_eq!(
        &text[at.speaker_description.unwrap()],
        "الذي يرأس اللجنة منذ عامين"
    );
}

#[test]
fn apposition_after_name_goes_to_roles() {
    let text = "ويقول كمال عيسى، أستاذ الاقتصاد في الجامعة: \"الأسعار سترتفع مجددا هذا الصيف.\"";
    let a = run(text);
    let s = &a.speakers[direct(&a)[0].attribution.as_ref().unwrap().speaker.unwrap()];
    assert_eq!(s.canonical_name, "كمال عيسى");
    assert_eq!(s.roles, vec!["أستاذ الاقتصاد في الجامعة".to_string()]);
}

#[test]
fn title_in_construct_keeps_its_genitive_in_the_role() {
    let text = "وقال وزير خارجية البلاد كريم فارس \"يجب وقف إطلاق النار فورا.\"\n\
                وقال زعيم حزب العمال سمير ناجي \"الحكومة فشلت في حماية المواطنين.\"";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(speaker_name(&a, d[0]), Some("كريم فارس"));
    assert_eq!(speaker_name(&a, d[1]), Some("سمير ناجي"));
    let s = &a.speakers[d[1].attribution.as_ref().unwrap().speaker.unwrap()];
    assert_eq!(s.roles, vec!["زعيم حزب العمال".to_string()]);
}

#[test]
fn genitive_with_lam_after_title_and_compound_names() {
    let text = "وقال الأمين العام للمنظمة الدولية عبد الله حسن \"العالم يواجه أزمة غير مسبوقة.\"\n\
                وقال الوزير للصحفيين \"الوضع تحت السيطرة تماما.\"";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(speaker_name(&a, d[0]), Some("عبد الله حسن"));
    assert_eq!(mention(text, d[1]), Some("الوزير"));
}

#[test]
fn unnamed_source_in_an_institution() {
    let text = "وقال مصدر في وزارة الخارجية \"المحادثات ستستأنف الأسبوع المقبل.\"";
    let a = run(text);
    assert_eq!(mention(text, direct(&a)[0]), Some("مصدر في وزارة الخارجية"));
}

#[test]
fn definite_title_alone_refers_to_the_named_holder() {
    let text = "وقال وزير الخارجية الفرنسي جان مارتان إن الحل السياسي ممكن.\n\
                وقال الوزير \"سنواصل دعم المفاوضات حتى النهاية.\"";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(speaker_name(&a, d[0]), Some("جان مارتان"));
    assert_eq!(mention(text, d[0]), Some("الوزير"));
}

#[test]
fn bayyana_reports_only_as_a_verb() {
    let text = "وبين المدير الجهوي للصحة أن الوضع الوبائي مستقر.\n\
                وتوزعت الإصابات بين المدن الكبرى، وتبين أن أغلبها طفيفة.";
    let a = run(text);
    let ind: Vec<_> = a
        .quotations
        .iter()
        .filter(|q| q.kind == QuotationKind::Indirect)
        .collect();
    assert_eq!(ind.len(), 1);
    assert_eq!(
        ind[0]
            .attribution
            .as_ref()
            .unwrap()
            .cue
            .as_ref()
            .unwrap()
            .lemma,
        "بين"
    );
}

#[test]
fn causal_anna_and_later_cue_are_not_indirect_speech_of_the_first_verb() {
    let text = "وتتهم الحكومة الشركة بالتقصير وتقول إنها لم تلتزم بالعقد.\n\
                واعتبر القرار مفيدا للطرفين إذ أنه يخفض التكاليف.";
    let a = run(text);
    let ind: Vec<_> = a
        .quotations
        .iter()
        .filter(|q| q.kind == QuotationKind::Indirect)
        .collect();
    assert_eq!(ind.len(), 1);
    assert_eq!(
        ind[0]
            .attribution
            .as_ref()
            .unwrap()
            .cue
            .as_ref()
            .unwrap()
            .lemma,
        "قال"
    );
}

#[test]
fn headline_role_and_definite_surname_merge_with_the_named_speaker() {
    let text = "وزير الصحة: «الوضع الوبائي تحت السيطرة»\n\
                وقال وزير الصحة نادر الصالحي \"لم نسجل أي حالة جديدة منذ أسبوع.\"\n\
                وقال الصالحي \"الحملة ستتواصل في كل الولايات.\"";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(d.len(), 3);
    let ids: Vec<_> = d
        .iter()
        .map(|q| q.attribution.as_ref().unwrap().speaker)
        .collect();
    assert!(ids.iter().all(|&s| s == ids[0]));
    assert_eq!(speaker_name(&a, d[0]), Some("نادر الصالحي"));
}

#[test]
fn comma_clause_after_a_group_is_not_part_of_it() {
    let text =
        "وقال مسؤولون في الوزارة، طلبوا عدم الكشف عن هويتهم، إن \"الضغط على المستشفيات كبير جدا\".";
    let a = run(text);
    assert_eq!(mention(text, direct(&a)[0]), Some("مسؤولون في الوزارة"));
}

#[test]
fn occupation_describes_an_unnamed_speaker() {
    let text = "\"نحن نعمل ليلا ونهارا ولا أحد يسمعنا\"، تقول ممرضة في مستشفى العاصمة.\n\
                وتضيف: \"الرواتب ضعيفة وظروف العمل قاسية جدا.\"";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(mention(text, d[0]), Some("ممرضة في مستشفى العاصمة"));
    let s = &a.speakers[d[0].attribution.as_ref().unwrap().speaker.unwrap()];
    assert!(s.anonymous);
    assert_eq!(
        d[1].attribution.as_ref().unwrap().speaker,
        d[0].attribution.as_ref().unwrap().speaker
    );
}

#[test]
fn addressee_with_lam_after_a_title_is_a_circumstance() {
    let text = "وقال الوزير لوكالة فرانس برس \"الاتفاق سيوقع قريبا جدا.\"\n\
                وقالت المتحدثة لرويترز \"لا تعليق لدينا على هذه المعلومات.\"";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(mention(text, d[0]), Some("الوزير"));
    assert_eq!(mention(text, d[1]), Some("المتحدثة"));
}

#[test]
fn organisation_named_in_quotes_speaks_by_its_name() {
    let text = "وقالت منظمة \"أطباء العالم\" في بيان: \"الوضع كارثي في المخيمات.\"";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(d.len(), 1);
    assert_eq!(mention(text, d[0]), Some("أطباء العالم"));
    assert_eq!(speaker_name(&a, d[0]), Some("أطباء العالم"));
    // The name in quotes itself stays a name, not a quotation of its own.
    assert!(
        a.quotations
            .iter()
            .any(|q| &text[q.content.clone()] == "أطباء العالم" && q.kind != QuotationKind::Direct)
    );
}

#[test]
fn preposition_aqib_is_not_a_cue() {
    let text = "وقال المدرب عقب المباراة إن فريقه قدم أداء جيدا.";
    let a = run(text);
    assert_eq!(a.quotations.len(), 1);
    assert_eq!(mention(text, &a.quotations[0]), Some("المدرب"));
}

#[test]
fn line_breaks_inside_a_block_separate_paragraphs() {
    let text =
        "وقال المدير \"سنبدأ العمل غدا في الموقع الجديد\nوفي فقرة أخرى يتحدث التقرير عن الطقس.";
    let whole: Range<usize> = 0..text.len();
    let a = analyze(text, &[whole]);
    assert_eq!(a.diagnostics.len(), 1);
    let first_line_end = text.find('\n').unwrap();
    assert!(a.quotations.iter().all(|q| q.content.end <= first_line_end));
}

#[test]
fn cue_paragraph_ending_with_colon_introduces_next_paragraph() {
    let text =
        "وقال وزير التربية رامي حداد في تصريح صحفي:\n\"سنفتح المدارس في موعدها رغم كل الصعوبات.\"";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(d.len(), 1);
    assert_eq!(speaker_name(&a, d[0]), Some("رامي حداد"));
}

#[test]
fn apostrophe_inside_a_latin_name_is_part_of_the_word() {
    let text = "وقال مدير الشركة O'Neil \"we don't comment on rumors at all\".";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(d.len(), 1);
    assert_eq!(speaker_name(&a, d[0]), Some("O'Neil"));
    assert_eq!(
        &text[d[0].content.clone()],
        "we don't comment on rumors at all"
    );
}

#[test]
fn headline_subject_before_verb_is_the_speaker() {
    let text = "مديرة المدرسة تكشف تفاصيل الحادث: \"لم يصب أي طفل بأذى والحمد لله\"";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(d.len(), 1);
    assert_eq!(mention(text, d[0]), Some("مديرة المدرسة"));
}

#[test]
fn occasion_noun_is_the_cue_of_a_verbless_headline() {
    let text = "الرئاسة في بيان: «لا تغيير في موعد الانتخابات المقبلة»";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(d.len(), 1);
    let at = d[0].attribution.as_ref().unwrap();
    assert_eq!(at.cue.as_ref().unwrap().lemma, "بيان");
    assert_eq!(mention(text, d[0]), Some("الرئاسة"));
}

#[test]
fn clause_about_an_unnamed_source_is_not_its_name() {
    let text = "وقال مسؤول أمريكي رفض الكشف عن اسمه \"الهجوم كان متوقعا منذ أيام.\"\n\
                وقالت مصادر مطلعة تحدثت شريطة عدم الكشف عن هويتها \"القرار اتخذ بالفعل.\"\n\
                وقال دبلوماسي غربي طلب عدم ذكر اسمه إن المفاوضات متعثرة.";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(mention(text, d[0]), Some("مسؤول أمريكي"));
    assert_eq!(speaker_name(&a, d[1]), Some("مصادر مطلعة"));
    let ind = a
        .quotations
        .iter()
        .find(|q| q.kind == QuotationKind::Indirect)
        .unwrap();
    assert_eq!(mention(text, ind), Some("دبلوماسي غربي"));
    assert_eq!(
        ind.attribution
            .as_ref()
            .unwrap()
            .cue
            .as_ref()
            .unwrap()
            .lemma,
        "قال"
    );
}

#[test]
fn dual_sources_and_dual_continuation() {
    let text = "وقال مصدران أمنيان إن العملية استغرقت ساعتين.\n\
                وأضافا \"لم تسجل أي إصابات بين المدنيين.\"";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(speaker_name(&a, d[0]), Some("مصدران أمنيان"));
    let s = &a.speakers[d[0].attribution.as_ref().unwrap().speaker.unwrap()];
    assert!(s.plural && s.anonymous);
}

#[test]
fn pronoun_subject_resolves_to_the_antecedent() {
    let text = "وقالت الناشطة هدى سليم \"الاعتقالات يجب أن تتوقف فورا.\" وأكدت هي أيضا أن \"القمع لن يوقف الاحتجاجات\".";
    let a = run(text);
    let d = direct(&a);
    assert_eq!(d.len(), 2);
    assert_eq!(mention(text, d[1]), Some("هي"));
    assert_eq!(speaker_name(&a, d[1]), Some("هدى سليم"));
}

#[test]
fn naming_word_before_a_detached_clitic_still_names() {
    let text = "وقال الضابط إن زعيم العصابة المعروف بـ \"الرجل الذي لا ينام\" اعتقل أمس.";
    let a = run(text);
    assert!(direct(&a).is_empty(), "{:?}", a.quotations);
}

fn indirect(a: &Analysis) -> Vec<&Quotation> {
    a.quotations
        .iter()
        .filter(|q| q.kind == QuotationKind::Indirect)
        .collect()
}

#[test]
fn consecutive_reports_in_one_sentence_do_not_overlap() {
    // Three reports in one sentence: joined by «، و», by «و» alone, and a run-on «قال X إن».
    let text = "وقالت الوزيرة ليلى حداد إن المفاوضات تتقدم ببطء، وقال الناطق باسم \
                الوفد إن الجولة المقبلة ستعقد في تونس وأضاف أن الموعد لم يحدد \
                قال مصدر مطلع إن الخلاف قائم حول البند الثالث.";
    let a = run(text);
    let q = indirect(&a);
    let contents: Vec<&str> = q.iter().map(|q| &text[q.content.clone()]).collect();
    assert_eq!(
        contents,
        [
            "المفاوضات تتقدم ببطء",
            "الجولة المقبلة ستعقد في تونس",
            "الموعد لم يحدد",
            "الخلاف قائم حول البند الثالث",
        ]
    );
    for pair in q.windows(2) {
        assert!(pair[0].content.end <= pair[1].content.start, "{pair:?}");
    }
    assert_eq!(speaker_name(&a, q[0]), Some("ليلى حداد"));
    assert_eq!(mention(text, q[1]), Some("الناطق باسم الوفد"));
    let cue = q[2]
        .attribution
        .as_ref()
        .and_then(|a| a.cue.as_ref())
        .unwrap();
    assert_eq!(&text[cue.span.clone()], "وأضاف");
}

#[test]
fn a_report_followed_by_quoted_speech_keeps_its_clause() {
    // The clause stops at «، وأضاف»: the quotation after it is the next report's, not a
    // quotation inside this clause.
    let text = "وقال رئيس البلدية سمير داود إن الأشغال ستنتهي قريبا، وأضاف \"سنفتح \
                الطريق أمام السيارات الأسبوع المقبل.\"";
    let a = run(text);
    let q = indirect(&a);
    assert_eq!(q.len(), 1);
    assert_eq!(&text[q[0].content.clone()], "الأشغال ستنتهي قريبا");
    let d = direct(&a);
    assert_eq!(d.len(), 1);
    assert_eq!(speaker_name(&a, d[0]), Some("سمير داود"));
}

#[test]
fn repeated_reports_on_one_line_stay_linear_in_output() {
    let unit = "وقال المسؤول إن المحادثات ستستأنف الأسبوع المقبل في جنيف، ";
    for reps in [1, 10, 1000] {
        let text = unit.repeat(reps);
        let whole: Range<usize> = 0..text.len();
        let a = analyze(&text, &[whole]);
        let q = indirect(&a);
        assert_eq!(q.len(), reps);
        let total: usize = a.quotations.iter().map(|q| q.content.len()).sum();
        assert!(total <= text.len(), "{total} > {}", text.len());
        for q in &q {
            assert_eq!(
                &text[q.content.clone()],
                "المحادثات ستستأنف الأسبوع المقبل في جنيف"
            );
        }
    }
}
