//! Rule `ascii-digit`: Arabic-Indic digits U+0660–U+0669 (٠–٩) and extended (Persian)
//! Arabic-Indic digits U+06F0–U+06F9 (۰–۹) become ASCII 0–9, and with them the Arabic
//! decimal separator U+066B ٫ becomes `.` and the thousands separator U+066C ٬ becomes `,`,
//! so "٣٫٥" and "3.5" are the same number to every later stage.

/// The ASCII form of an Arabic digit or numeric separator.
pub(crate) fn ascii_digit(c: char) -> Option<char> {
    let cp = c as u32;
    match cp {
        0x0660..=0x0669 => char::from_u32(cp - 0x0660 + u32::from(b'0')),
        0x06F0..=0x06F9 => char::from_u32(cp - 0x06F0 + u32::from(b'0')),
        0x066B => Some('.'),
        0x066C => Some(','),
        _ => None,
    }
}
