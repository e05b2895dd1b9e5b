//! Rule `elongation` (off unless asked for): a run of three or more identical Arabic
//! letters, as the normalized text would show them (ignoring deleted characters such as
//! tatweel in between), becomes one letter: "جمييييل" → "جميل", "هههههه" → "ه". Arabic
//! spelling never repeats a letter three times, so only emphasis is lost; doubled letters
//! ("الله", "ممتاز") are left alone.

/// The shortest run that counts as elongation.
pub(crate) const MIN_RUN: usize = 3;
