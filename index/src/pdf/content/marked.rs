//! Marked content: `BMC`/`BDC` … `EMC` spans, and the `ActualText` of a span, which replaces
//! the glyphs drawn inside it (a hyphen that is not in the text, a ligature, a formula).

use super::{push_clean, Args, Glyph, Interp, F_SPACE, F_UNMAPPED};
use crate::pdf::lex::Operand;
use crate::pdf::{decode_text_string, dict_get};
use lopdf::{Dictionary, Object};

/// What the marked-content stack holds for each open BMC/BDC.
pub(super) struct Marked {
    pub(super) actual: Option<(usize, String)>,
}

impl<'a> Interp<'a> {
    /// `BDC`: opens a span, with its ActualText if it has one.
    pub(super) fn begin_marked(&mut self, a: &Args, resources: Option<&'a Dictionary>) {
        let actual = self.actual_text(a, resources);
        self.marked.push(Marked {
            actual: actual.map(|t| (self.out.glyphs.len(), t)),
        });
    }

    fn actual_text(&self, a: &Args, resources: Option<&'a Dictionary>) -> Option<String> {
        // Inline dictionary: ... /ActualText (..) ...
        let mut prev_actual = false;
        for o in a.operands {
            match o {
                Operand::Name(x, y) => {
                    prev_actual = a.data.get(*x as usize..*y as usize) == Some(b"ActualText");
                }
                Operand::Str(x, y) if prev_actual => {
                    return Some(decode_text_string(
                        a.strbuf.get(*x as usize..*y as usize).unwrap_or(&[]),
                    ));
                }
                _ => prev_actual = false,
            }
        }
        // Named property list in the resources.
        if let Some(Operand::Name(x, y)) = a.operands.last() {
            let pname = a.data.get(*x as usize..*y as usize)?;
            let props = resources
                .and_then(|r| dict_get(self.doc, r, b"Properties"))?
                .as_dict()
                .ok()?;
            let p = dict_get(self.doc, props, pname)?.as_dict().ok()?;
            if let Some(Object::String(s, _)) = dict_get(self.doc, p, b"ActualText") {
                return Some(decode_text_string(s));
            }
        }
        None
    }

    pub(super) fn end_marked(&mut self, m: Marked) {
        let Some((first, text)) = m.actual else {
            return;
        };
        let glyphs = &mut self.out.glyphs;
        if first >= glyphs.len() {
            return;
        }
        let Some(g0) = glyphs.get(first).copied() else {
            return;
        };
        let mut x0 = f32::INFINITY;
        let mut x1 = f32::NEG_INFINITY;
        for g in glyphs.iter().skip(first).filter(|g| g.rot == g0.rot) {
            x0 = x0.min(g.x0);
            x1 = x1.max(g.x1);
        }
        let removed_unmapped = glyphs
            .iter()
            .skip(first)
            .filter(|g| g.flags & F_UNMAPPED != 0)
            .count();
        self.out.unmapped = self.out.unmapped.saturating_sub(removed_unmapped);
        glyphs.truncate(first);
        self.out.text.truncate(g0.t0 as usize);
        let text = text.replace('\u{AD}', "");
        if text.is_empty() {
            return;
        }
        let t0 = self.out.text.len() as u32;
        push_clean(&mut self.out.text, &text, &mut self.out.bad_chars);
        let t1 = self.out.text.len() as u32;
        let flags = if text.chars().all(char::is_whitespace) {
            F_SPACE
        } else {
            0
        };
        glyphs.push(Glyph {
            x0,
            x1,
            y: g0.y,
            size: g0.size,
            t0,
            t1,
            rot: g0.rot,
            flags,
            mark: '\0',
        });
    }
}
