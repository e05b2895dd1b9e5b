//! The single-pass normalizer.
//!
//! The pass walks the input once. Runs of characters that stay the same are never copied
//! one by one: the pass remembers where the current unchanged run started and copies it
//! with one `push_str` when the next change comes. ASCII bytes and the Arabic block are
//! classified by table; everything else by [`resolve_action`].
//!
//! NFC is kept exact without normalizing on the hot path. The fast paths only pass over
//! starters; every mark reaches the slow path, which checks its combining class and NFC
//! quick-check value. Marks out of canonical order inside a segment that is otherwise
//! copied unchanged (shadda typed before the vowel, the usual case in real text) are
//! sorted there as one atomic step. Anything else that may change under NFC stops the
//! pass: the text is then composed first by [`nfc_with_map`] (one atomic step per changed
//! segment), the pass runs on that, and the two maps are chained. If a deletion or
//! replacement may have let two characters meet that NFC combines (a mark after a deleted
//! ZWJ, say), the output is checked around that place and, in that rare case, composed
//! and normalized again until it is stable.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

use crate::nfc::{self, nfc_with_map};
use crate::offset_map::OffsetMap;
use crate::rules::quotes::{self, QuoteHint};
use crate::rules::{Action, RuleId, Rules, elongation, letters, punctuation, resolved_expansion};
use crate::rules::{resolve_action, whitespace};
use crate::{Edit, NormalizeOptions, TextDiagnostic};

/// A normalizer configured once and reused for many texts.
#[derive(Debug, Clone)]
pub struct Normalizer {
    options: NormalizeOptions,
    rules: Rules,
    ascii: [Action; 128],
    arabic: Box<[Action; 256]>,
    /// ASCII bytes copied unchanged.
    ascii_keep: [bool; 128],
    /// Arabic-block characters copied unchanged that are NFC boundaries (letters).
    arabic_keep: [bool; 256],
    /// Arabic-block characters changed without context, handled inline when no edit list
    /// is recorded.
    arabic_fast: [FastChange; 256],
    /// The pass that collapses letter elongation, when that rule is on.
    elongation: Option<Box<Normalizer>>,
}

impl Default for Normalizer {
    fn default() -> Self {
        Self::new(NormalizeOptions::default())
    }
}

/// How many times the rare re-normalization loop may run before giving up on reaching a
/// fixed point (each round fixes what the previous one made non-NFC; one round has always
/// been enough in testing).
const MAX_ROUNDS: usize = 4;

impl Normalizer {
    /// A normalizer with the given options. Builds its lookup tables once.
    pub fn new(options: NormalizeOptions) -> Self {
        let rules = Rules::resolve(&options);
        let elongation = rules.elongation.then(|| {
            // Elongation runs as a pass of its own over the otherwise normalized text, so
            // that it sees letters as the normalized text shows them (a ligature expanded,
            // a deleted tatweel gone) and its output is stable.
            let only_elongation = Rules {
                elongation: true,
                ..Rules::for_profile(crate::Profile::None)
            };
            Box::new(Self::with_rules(options.clone(), only_elongation, None))
        });
        let main_rules = Rules {
            elongation: false,
            ..rules
        };
        Self::with_rules(options, main_rules, elongation)
    }

    fn with_rules(
        options: NormalizeOptions,
        rules: Rules,
        elongation: Option<Box<Normalizer>>,
    ) -> Self {
        let mut ascii = [Action::Keep; 128];
        for (byte, slot) in ascii.iter_mut().enumerate() {
            *slot = resolve_action(&rules, char::from(byte as u8));
        }
        let mut arabic = Box::new([Action::Keep; 256]);
        for (offset, slot) in arabic.iter_mut().enumerate() {
            if let Some(c) = char::from_u32(0x0600 + offset as u32) {
                *slot = resolve_action(&rules, c);
            }
        }
        let ascii_keep = ascii.map(|action| action == Action::Keep);
        let props = nfc::arabic_props_table();
        let mut arabic_keep = [false; 256];
        for (offset, keep) in arabic_keep.iter_mut().enumerate() {
            *keep = arabic[offset] == Action::Keep && props[offset].is_boundary();
        }
        let mut arabic_fast = [FastChange::None; 256];
        if !options.record_edits {
            for (offset, fast) in arabic_fast.iter_mut().enumerate() {
                *fast = FastChange::of(arabic[offset], props[offset]);
            }
        }
        Self {
            options,
            rules,
            ascii,
            arabic,
            ascii_keep,
            arabic_keep,
            arabic_fast,
            elongation,
        }
    }

    /// The options this normalizer runs with.
    pub fn options(&self) -> &NormalizeOptions {
        &self.options
    }

    /// Normalizes `input`. Never panics; runs in one pass over the input except for text
    /// that is not in NFC.
    pub fn normalize(&self, input: &str) -> Normalized {
        let diagnostics = diagnostics_of(input);
        if self.rules.is_identity() && self.elongation.is_none() {
            return Normalized {
                text: input.to_owned(),
                map: OffsetMap::identity(input.len()),
                edits: Vec::new(),
                diagnostics,
            };
        }
        let mut result = self.normalize_without_elongation(input);
        if let Some(elongation) = &self.elongation {
            let collapsed = elongation.pass_unchecked(&result.text);
            result = result.then(collapsed);
        }
        Normalized {
            text: result.text,
            map: result.map,
            edits: result.edits,
            diagnostics,
        }
    }

    fn normalize_without_elongation(&self, input: &str) -> PassOutput {
        // Optimistic first: most texts are NFC, and the pass notices when one is not.
        let mut result = match self.pass(input, self.rules.nfc) {
            Some(out) => out,
            None => match nfc_with_map(input) {
                None => self.pass_unchecked(input),
                Some((text, map, changed)) => {
                    let main = self.pass_unchecked(&text);
                    self.nfc_pass_output(text, map, changed).then(main)
                }
            },
        };
        if !self.rules.nfc || result.verify_positions.is_empty() {
            return result;
        }
        if nfc::is_nfc_around(&result.text, &result.verify_positions) {
            result.verify_positions.clear();
            return result;
        }
        // Rare: a deletion or replacement let two characters meet that NFC combines.
        // Compose and run the rules again until the text is stable.
        for _ in 0..MAX_ROUNDS {
            match nfc_with_map(&result.text) {
                Some((text, map, changed)) => {
                    let nfc_pass = self.nfc_pass_output(text, map, changed);
                    result = result.then(nfc_pass);
                }
                None => {
                    let again = self.pass_unchecked(&result.text);
                    if again.text == result.text {
                        break;
                    }
                    result = result.then(again);
                }
            }
        }
        result
    }

    fn nfc_pass_output(
        &self,
        text: String,
        map: OffsetMap,
        changed: Vec<nfc::ChangedSegment>,
    ) -> PassOutput {
        let edits = if self.options.record_edits {
            changed
                .into_iter()
                .map(|segment| Edit {
                    original: segment.original,
                    normalized: segment.normalized,
                    rule: RuleId::Nfc.name(),
                })
                .collect()
        } else {
            Vec::new()
        };
        PassOutput {
            text,
            map,
            edits,
            verify_positions: Vec::new(),
        }
    }

    #[inline]
    fn action(&self, c: char) -> Action {
        let cp = c as u32;
        if cp < 0x80 {
            self.ascii[cp as usize]
        } else if (0x0600..0x0700).contains(&cp) {
            self.arabic[(cp - 0x0600) as usize]
        } else {
            resolve_action(&self.rules, c)
        }
    }

    /// One pass over `input` known to be NFC (or with NFC off).
    fn pass_unchecked(&self, input: &str) -> PassOutput {
        match self.pass(input, false) {
            Some(out) => out,
            // Without the check the pass has no reason to stop; this arm is never taken.
            None => PassOutput::identity(input),
        }
    }

    /// One pass over `input`. With `check_nfc`, gives up (`None`) at the first sign that
    /// `input` is not NFC: a character that may compose with what precedes it, or marks
    /// out of canonical order.
    fn pass(&self, input: &str, check_nfc: bool) -> Option<PassOutput> {
        let mut st = PassState::new(input, self.options.record_edits);
        let bytes = input.as_bytes();
        let n = bytes.len();
        let mut i = 0;
        // Combining class of the previous character seen by the slow path (the fast paths
        // only pass over starters, and reset it).
        let mut prev_ccc = 0u8;
        while i < n {
            // Fast scan over what stays unchanged: ASCII letters and digits, Arabic letters,
            // and single spaces between them.
            let scan_start = i;
            while i < n {
                let b = bytes[i];
                if b < 0x80 {
                    if self.ascii_keep[usize::from(b)]
                        || (b == b' ' && i > st.copy_from && self.starts_kept(bytes, i + 1))
                    {
                        i += 1;
                        st.last_changed = false;
                        continue;
                    }
                } else if (0xD8..=0xDB).contains(&b)
                    && let Some(&b1) = bytes.get(i + 1)
                {
                    let offset = arabic_offset(b, b1);
                    if self.arabic_keep[offset] {
                        // Arabic words are runs of two-byte letters: stay in a tight loop.
                        i += 2;
                        while let Some(&[lead, second]) = bytes.get(i..i + 2)
                            && (0xD8..=0xDB).contains(&lead)
                            && self.arabic_keep[arabic_offset(lead, second)]
                        {
                            i += 2;
                        }
                        st.last_changed = false;
                        continue;
                    }
                    // Letter folds and deletions of the matching profile, inline: no
                    // context, no edit to record.
                    match self.arabic_fast[offset] {
                        FastChange::Map { to, len } => {
                            st.flush(i);
                            let norm_start = st.out.len();
                            st.out.push(to);
                            if len != 2 {
                                st.map.push(i..i + 2, norm_start..st.out.len());
                            }
                            st.copy_from = i + 2;
                            st.last_changed = true;
                            i += 2;
                            continue;
                        }
                        FastChange::Delete => {
                            st.flush(i);
                            let norm = st.out.len();
                            st.map.push(i..i + 2, norm..norm);
                            st.copy_from = i + 2;
                            st.last_changed = true;
                            i += 2;
                            continue;
                        }
                        FastChange::None => {}
                    }
                }
                break;
            }
            if i >= n {
                break;
            }
            if i != scan_start {
                // The fast scan moved over starters (or deleted marks inline: a mark it
                // lets meet another is caught by the NFC re-check of changed places).
                prev_ccc = 0;
            }
            let Some(c) = input.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            let len = c.len_utf8();
            let action = self.action(c);
            let props = if self.rules.nfc {
                nfc::props(c)
            } else {
                nfc::NfcProps::default()
            };
            if check_nfc {
                let deleted = matches!(action, Action::Delete(_));
                if props.unstable {
                    return None;
                }
                if !deleted && props.ccc != 0 && prev_ccc > props.ccc {
                    // Marks out of order, typically shadda typed before the vowel.
                    match self.reorder_marks(&mut st, i) {
                        Some(next) => {
                            i = next;
                            prev_ccc = 0;
                            continue;
                        }
                        None => return None,
                    }
                }
                // Like the inline deletions of the fast scan: a deleted mark does not take
                // part in the order check (the re-check of changed places covers it).
                prev_ccc = if deleted { 0 } else { props.ccc };
            }
            if st.last_changed && !matches!(action, Action::Delete(_)) && !props.is_boundary() {
                // A change just before a character that combines with what precedes it:
                // the output may need composing again there.
                st.verify_at(i);
            }
            i = self.apply(&mut st, i, c, len, action);
        }
        Some(st.finish())
    }

    /// Puts the marks of the segment holding the out-of-order mark at `pos` in canonical
    /// order, as one atomic `nfc` step, when the whole segment is copied unchanged
    /// otherwise (a letter and kept marks); returns where the pass goes on, or `None`
    /// when the segment needs the full NFC path.
    fn reorder_marks(&self, st: &mut PassState<'_>, pos: usize) -> Option<usize> {
        let input = st.input;
        let start = nfc::last_boundary_before(input, pos);
        if st.copy_from > start {
            return None;
        }
        let mut end = start;
        for c in input.get(start..)?.chars() {
            if end > pos && nfc::props(c).is_boundary() {
                break;
            }
            if self.action(c) != Action::Keep || nfc::props(c).unstable {
                return None;
            }
            end += c.len_utf8();
        }
        let segment = input.get(start..end)?;
        let composed: String = segment.nfc().collect();
        let prefix = nfc::common_prefix_len(segment, &composed);
        let suffix = nfc::common_suffix_len(&segment[prefix..], &composed[prefix..]);
        st.replace(
            start + prefix..end - suffix,
            &composed[prefix..composed.len() - suffix],
            RuleId::Nfc,
        );
        Some(end)
    }

    /// Whether the character starting at `pos` is copied unchanged and is not whitespace
    /// (so a single space before it stays as it is).
    #[inline]
    fn starts_kept(&self, bytes: &[u8], pos: usize) -> bool {
        match bytes.get(pos) {
            Some(&b) if b < 0x80 => self.ascii_keep[usize::from(b)],
            Some(&b) if (0xD8..=0xDB).contains(&b) => bytes
                .get(pos + 1)
                .is_some_and(|&b1| self.arabic_keep[arabic_offset(b, b1)]),
            _ => false,
        }
    }

    /// Applies `action` to the character `c` at `i`; returns where the pass goes on.
    fn apply(
        &self,
        st: &mut PassState<'_>,
        i: usize,
        c: char,
        len: usize,
        action: Action,
    ) -> usize {
        let end = i + len;
        match action {
            Action::Keep => {
                st.last_changed = false;
                end
            }
            Action::Delete(rule) => {
                st.replace(i..end, "", rule);
                end
            }
            Action::Map(m, rule) => {
                if self.rules.nfc && !nfc::props(m).is_boundary() {
                    // A presentation form that became a bare mark may need reordering
                    // with the marks before it.
                    st.verify_at(i);
                }
                st.replace_char(i..end, m, rule);
                end
            }
            Action::Space | Action::Break => self.whitespace_run(st, i),
            Action::Quote(hint) => {
                self.quote(st, i, end, c, hint);
                end
            }
            Action::Punct(surface) => {
                self.punctuation(st, i, end, c, surface);
                end
            }
            Action::FarsiYeh => {
                let yeh = if self.joins_next(st.input, end) {
                    letters::YEH
                } else {
                    letters::ALEF_MAQSURA
                };
                st.replace_char(i..end, yeh, RuleId::PersianLetter);
                end
            }
            Action::Expand => {
                self.expand(st, i, end, c);
                end
            }
            Action::Letter(m, rule) => self.letter(st, i, end, c, m, rule),
        }
    }

    /// The next character the output will show after input position `pos`, judged as the
    /// normalized text will show it (deleted characters skipped, presentation forms
    /// expanded), so that context rules decide the same way on their own output. With
    /// `skip_marks`, combining marks are skipped too.
    fn next_surface(&self, input: &str, pos: usize, skip_marks: bool) -> Option<char> {
        for c in input.get(pos..)?.chars() {
            let action = self.action(c);
            let candidate = match action {
                Action::Delete(_) => continue,
                Action::Expand => {
                    let expansion = resolved_expansion(&self.rules, c).unwrap_or_default();
                    let first = expansion
                        .chars()
                        .find(|&ch| !skip_marks || nfc::props(ch).ccc == 0);
                    match first {
                        Some(ch) => return Some(ch),
                        None => continue,
                    }
                }
                action => action.surface(c),
            };
            if skip_marks && nfc::props(candidate).ccc != 0 {
                continue;
            }
            return Some(candidate);
        }
        None
    }

    /// Whether a Farsi yeh ending at `pos` is followed, across marks and deleted
    /// characters, by a letter it joins (so it is drawn with dots).
    fn joins_next(&self, input: &str, pos: usize) -> bool {
        self.next_surface(input, pos, true)
            .is_some_and(|c| letters::is_arabic_letter(c) || c == letters::TATWEEL)
    }

    fn whitespace_run(&self, st: &mut PassState<'_>, start: usize) -> usize {
        let input = st.input;
        let bytes = input.as_bytes();
        let mut breaks = 0usize;
        let mut run_end = start;
        let mut pos = start;
        while let Some(c) = input.get(pos..).and_then(|rest| rest.chars().next()) {
            match self.action(c) {
                Action::Space => {
                    pos += c.len_utf8();
                    run_end = pos;
                }
                Action::Break => {
                    pos += c.len_utf8();
                    if c == '\r' && bytes.get(pos) == Some(&b'\n') {
                        pos += 1;
                    }
                    breaks += 1;
                    run_end = pos;
                }
                Action::Delete(_) => pos += c.len_utf8(),
                _ => break,
            }
        }
        let prev = st.prev_output_char(start);
        let next = self.next_surface(input, run_end, false);
        let replacement = match (prev, next) {
            (None, _) | (_, None) => "",
            (Some(p), _) if whitespace::is_space_like(p) => "",
            _ if breaks >= 2 => "\n\n",
            _ if breaks == 1 => "\n",
            (_, Some(n)) if punctuation::takes_no_space_before(n) => "",
            _ => " ",
        };
        if &input[start..run_end] == replacement {
            st.last_changed = false;
        } else {
            st.replace(start..run_end, replacement, RuleId::Whitespace);
        }
        run_end
    }

    fn quote(&self, st: &mut PassState<'_>, start: usize, end: usize, c: char, hint: QuoteHint) {
        let prev = st.prev_output_char(start);
        if c == quotes::DOUBLE_PRIME && prev.is_some_and(|p| p.is_numeric()) {
            st.last_changed = false;
            return;
        }
        let is_boundary = |p: Option<char>| match p {
            None => true,
            Some(p) => whitespace::is_space_like(p) || quotes::opens_after(p),
        };
        let [p1, p2, p3] = st.last_output_chars(start);
        // A one-letter prefix (و ف ب ل ك) written against an opening quote, as in
        // و"الساخر" or ل"الحياة", still stands at the start of its word.
        let after_prefix = |p: Option<char>| p.is_some_and(quotes::is_prefix_letter);
        let after_boundary = is_boundary(p1);
        let after_word_prefix = !after_boundary
            && after_prefix(p1)
            && (is_boundary(p2) || (after_prefix(p2) && is_boundary(p3)));
        enum Next {
            Boundary,
            Quote,
            Word,
        }
        let next = match self.next_surface(st.input, end, false) {
            None => Next::Boundary,
            Some(n) if quotes::quote_hint(n).is_some() => Next::Quote,
            Some(n) if whitespace::is_space_like(n) || quotes::closes_before(n) => Next::Boundary,
            Some(_) => Next::Word,
        };
        let mark = match (after_boundary || after_word_prefix, next) {
            (true, Next::Word | Next::Quote) => quotes::OPEN,
            // After a colon a quotation begins, even when it goes on on the next line.
            (true, Next::Boundary) if p1 == Some(':') => quotes::OPEN,
            // A one-letter word quoted on its own: «ب».
            (true, Next::Boundary) if after_word_prefix => quotes::CLOSE,
            (false, Next::Boundary | Next::Quote) => quotes::CLOSE,
            _ => match hint {
                QuoteHint::Open => quotes::OPEN,
                QuoteHint::Close => quotes::CLOSE,
                QuoteHint::None => quotes::UNKNOWN,
            },
        };
        if mark == c {
            st.last_changed = false;
        } else {
            st.replace_char(start..end, mark, RuleId::Quote);
        }
    }

    fn punctuation(
        &self,
        st: &mut PassState<'_>,
        start: usize,
        end: usize,
        c: char,
        surface: char,
    ) {
        let letter_follows = self
            .next_surface(st.input, end, false)
            .is_some_and(letters::is_arabic_letter);
        if letter_follows && punctuation::takes_space_after(surface) {
            let mut buf = [0u8; 4];
            let mut spaced = String::with_capacity(5);
            spaced.push_str(surface.encode_utf8(&mut buf));
            spaced.push(' ');
            st.replace(start..end, &spaced, RuleId::PunctuationSpacing);
        } else if surface != c {
            st.replace_char(start..end, surface, RuleId::LatinPunctuation);
        } else {
            st.last_changed = false;
        }
    }

    fn expand(&self, st: &mut PassState<'_>, start: usize, end: usize, c: char) {
        let Some(expansion) = resolved_expansion(&self.rules, c) else {
            st.last_changed = false;
            return;
        };
        st.replace(start..end, &expansion, RuleId::PresentationForm);
        if self.rules.nfc {
            let out_start = st.out.len() - expansion.len();
            for (offset, ch) in expansion.char_indices() {
                if !nfc::props(ch).is_boundary() {
                    st.verify_output_at(out_start + offset);
                }
            }
        }
    }

    fn letter(
        &self,
        st: &mut PassState<'_>,
        start: usize,
        end: usize,
        c: char,
        surface: char,
        rule: Option<RuleId>,
    ) -> usize {
        let mut count = 1;
        let mut run_end = end;
        let mut pos = end;
        while let Some(next) = st.input.get(pos..).and_then(|rest| rest.chars().next()) {
            let action = self.action(next);
            match action {
                Action::Delete(_) => pos += next.len_utf8(),
                Action::Letter(m, _) if m == surface => {
                    pos += next.len_utf8();
                    run_end = pos;
                    count += 1;
                }
                _ => break,
            }
        }
        if count >= elongation::MIN_RUN {
            st.replace_char(start..run_end, surface, RuleId::Elongation);
            return run_end;
        }
        match rule {
            Some(rule) if surface != c => st.replace_char(start..end, surface, rule),
            _ => st.last_changed = false,
        }
        end
    }
}

/// A context-free change of an Arabic-block character, applied inline by the pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FastChange {
    None,
    /// Replace by a character of `len` UTF-8 bytes (a folded letter, an ASCII digit).
    Map {
        to: char,
        len: usize,
    },
    Delete,
}

impl FastChange {
    fn of(action: Action, props: nfc::NfcProps) -> Self {
        if props.unstable {
            // Combining hamza and madda must reach the NFC check of the slow path.
            return FastChange::None;
        }
        match action {
            Action::Delete(_) => FastChange::Delete,
            Action::Map(to, _) if to.len_utf8() <= 2 && nfc::props(to).is_boundary() => {
                FastChange::Map {
                    to,
                    len: to.len_utf8(),
                }
            }
            _ => FastChange::None,
        }
    }
}

/// Index in the Arabic-block tables of the two-byte UTF-8 sequence `b0 b1` (lead byte
/// 0xD8–0xDB, i.e. U+0600–U+06FF).
#[inline]
fn arabic_offset(b0: u8, b1: u8) -> usize {
    ((usize::from(b0) & 0x03) << 6) | (usize::from(b1) & 0x3F)
}

/// U+FFFD REPLACEMENT CHARACTER runs: the input was decoded from bytes that were not
/// valid in their encoding, so text was lost there.
fn diagnostics_of(input: &str) -> Vec<TextDiagnostic> {
    const REPLACEMENT: &str = "\u{FFFD}";
    let mut diagnostics: Vec<TextDiagnostic> = Vec::new();
    for start in memchr::memmem::find_iter(input.as_bytes(), REPLACEMENT.as_bytes()) {
        let end = start + REPLACEMENT.len();
        if let Some(last) = diagnostics.last_mut()
            && last.original.end == start
        {
            last.original.end = end;
            continue;
        }
        diagnostics.push(TextDiagnostic {
            code: "replacement-character",
            message: "U+FFFD replacement character: the text was decoded from invalid \
                      bytes and some characters are lost here"
                .to_owned(),
            original: start..end,
        });
    }
    diagnostics
}

/// What one pass produced.
struct PassOutput {
    text: String,
    map: OffsetMap,
    edits: Vec<Edit>,
    /// Output positions where a change may have made the output leave NFC.
    verify_positions: Vec<usize>,
}

impl PassOutput {
    fn identity(input: &str) -> Self {
        PassOutput {
            text: input.to_owned(),
            map: OffsetMap::identity(input.len()),
            edits: Vec::new(),
            verify_positions: Vec::new(),
        }
    }

    /// Chains `self` (A → B) with `next` (B → C).
    fn then(self, next: PassOutput) -> PassOutput {
        let map = self.map.then(&next.map);
        let mut edits: Vec<Edit> = self
            .edits
            .into_iter()
            .map(|edit| Edit {
                normalized: next.map.to_normalized(edit.normalized),
                ..edit
            })
            .chain(next.edits.into_iter().map(|edit| Edit {
                original: self.map.to_original(edit.original),
                ..edit
            }))
            .collect();
        edits.sort_by_key(|edit| (edit.original.start, edit.original.end));
        let edits = merge_overlapping(edits);
        PassOutput {
            text: next.text,
            map,
            edits,
            verify_positions: next.verify_positions,
        }
    }
}

/// Merges edits of chained passes that overlap (NFC composing what a rule produced, a
/// run of letters collapsed after each was folded), so that the list still tiles the
/// text: each merged edit spans both and carries the rule of the later pass.
fn merge_overlapping(edits: Vec<Edit>) -> Vec<Edit> {
    let mut merged: Vec<Edit> = Vec::with_capacity(edits.len());
    for edit in edits {
        if let Some(last) = merged.last_mut()
            && (edit.original.start < last.original.end
                || edit.normalized.start < last.normalized.end)
        {
            last.original = last.original.start.min(edit.original.start)
                ..last.original.end.max(edit.original.end);
            last.normalized = last.normalized.start.min(edit.normalized.start)
                ..last.normalized.end.max(edit.normalized.end);
            last.rule = edit.rule;
            continue;
        }
        merged.push(edit);
    }
    merged
}

/// The state of one pass.
struct PassState<'a> {
    input: &'a str,
    out: String,
    map: OffsetMap,
    edits: Vec<Edit>,
    record_edits: bool,
    /// Start of the unchanged input not yet copied to `out`.
    copy_from: usize,
    /// The previous input character was deleted or replaced.
    last_changed: bool,
    verify_positions: Vec<usize>,
}

impl<'a> PassState<'a> {
    fn new(input: &'a str, record_edits: bool) -> Self {
        Self {
            input,
            // Most rules shrink the text; the few that grow it (" → «, lam-alef) rarely
            // add more than this slack.
            out: String::with_capacity(input.len() + input.len() / 16 + 8),
            map: OffsetMap::with_capacity(input.len() / 64),
            edits: Vec::new(),
            record_edits,
            copy_from: 0,
            last_changed: false,
            verify_positions: Vec::new(),
        }
    }

    /// Notes that the output around where input position `pos` lands must be checked for
    /// NFC.
    fn verify_at(&mut self, pos: usize) {
        let out_pos = self.out.len() + pos.saturating_sub(self.copy_from);
        self.verify_positions.push(out_pos);
    }

    /// Notes that the output just written at `out_pos` must be checked for NFC.
    fn verify_output_at(&mut self, out_pos: usize) {
        self.verify_positions.push(out_pos);
    }

    fn flush(&mut self, upto: usize) {
        if let Some(unchanged) = self.input.get(self.copy_from..upto) {
            self.out.push_str(unchanged);
        }
    }

    /// The last character of the output as it stands before input position `pos`.
    /// The last three characters of the output as it stands before input position `pos`,
    /// the last one first.
    fn last_output_chars(&self, pos: usize) -> [Option<char>; 3] {
        let pending = self
            .input
            .get(self.copy_from..pos.max(self.copy_from))
            .unwrap_or("");
        let mut chars = pending.chars().rev().chain(self.out.chars().rev());
        [chars.next(), chars.next(), chars.next()]
    }

    fn prev_output_char(&self, pos: usize) -> Option<char> {
        if pos > self.copy_from {
            self.input.get(self.copy_from..pos)?.chars().next_back()
        } else {
            self.out.chars().next_back()
        }
    }

    fn replace(&mut self, original: Range<usize>, replacement: &str, rule: RuleId) {
        self.flush(original.start);
        let norm_start = self.out.len();
        self.out.push_str(replacement);
        self.record(original, norm_start, rule, false);
    }

    fn replace_char(&mut self, original: Range<usize>, replacement: char, rule: RuleId) {
        self.flush(original.start);
        let norm_start = self.out.len();
        self.out.push(replacement);
        let single = original.len() == replacement.len_utf8()
            && self
                .input
                .get(original.clone())
                .is_some_and(|o| o.chars().nth(1).is_none());
        self.record(original, norm_start, rule, single);
    }

    fn record(
        &mut self,
        original: Range<usize>,
        norm_start: usize,
        rule: RuleId,
        same_len_char: bool,
    ) {
        let normalized = norm_start..self.out.len();
        if !same_len_char {
            self.map.push(original.clone(), normalized.clone());
        }
        if self.record_edits {
            self.edits.push(Edit {
                original: original.clone(),
                normalized,
                rule: rule.name(),
            });
        }
        self.copy_from = original.end;
        self.last_changed = true;
    }

    fn finish(mut self) -> PassOutput {
        self.flush(self.input.len());
        self.map.finish(self.input.len(), self.out.len());
        PassOutput {
            text: self.out,
            map: self.map,
            edits: self.edits,
            verify_positions: self.verify_positions,
        }
    }
}

/// Normalized text with its alignment to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    text: String,
    map: OffsetMap,
    edits: Vec<Edit>,
    diagnostics: Vec<TextDiagnostic>,
}

impl Normalized {
    /// The normalized text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The normalized text, by value.
    pub fn into_text(self) -> String {
        self.text
    }

    /// Length in bytes of the original text.
    pub fn original_len(&self) -> usize {
        self.map.orig_len()
    }

    /// The byte range of the original that produced `normalized` (a byte range of
    /// [`Normalized::text`] on char boundaries): the smallest range covering every original
    /// character that produced a character of `normalized`, including characters deleted
    /// between them. An empty range maps to an empty range at the matching position.
    /// Out-of-bounds ranges are clamped; offsets inside a character map linearly (or to
    /// the step holding them), so pass char boundaries to get char boundaries back.
    pub fn to_original(&self, normalized: Range<usize>) -> Range<usize> {
        self.map.to_original(normalized)
    }

    /// The byte range of the normalized text that `original` (a byte range of the
    /// original on char boundaries) became; empty when all of it was deleted.
    /// Out-of-bounds ranges are clamped; offsets inside a character map linearly (or to
    /// the step holding them).
    pub fn to_normalized(&self, original: Range<usize>) -> Range<usize> {
        self.map.to_normalized(original)
    }

    /// The edits, when the options asked for them, in original order.
    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }

    /// What normalization noticed (e.g. U+FFFD replacement characters).
    pub fn diagnostics(&self) -> &[TextDiagnostic] {
        &self.diagnostics
    }

    /// Number of stored alignment anchors (changed steps whose lengths differ); a measure of
    /// the map's size.
    pub fn anchor_count(&self) -> usize {
        self.map.steps().len()
    }
}
