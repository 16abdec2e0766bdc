//! Text: the text-state and text-showing operators (Tf Tc Tw Tz TL Ts Td TD Tm T* Tj TJ ' "),
//! each shown glyph placed in a rotation-normalised frame, and its Unicode text cleaned.

use super::{
    mul, translate, Args, Frame, GState, Glyph, Interp, F_SPACE, F_UNMAPPED, IDENT, M, MAX_GLYPHS,
};
use crate::pdf::font::{Code, Font};
use crate::pdf::lex::Operand;
use crate::pdf::{deref, dict_get};
use lopdf::{Dictionary, Object};
use std::rc::Rc;

impl<'a> Interp<'a> {
    /// Runs a text operator; false if `op` is not one.
    pub(super) fn text_op(
        &mut self,
        op: &[u8],
        a: &Args,
        f: &mut Frame,
        resources: Option<&'a Dictionary>,
    ) -> bool {
        match op {
            b"BT" => {
                f.tm = IDENT;
                f.tlm = IDENT;
            }
            b"ET" => {}
            b"Tf" => {
                if let (Some(Operand::Name(x, y)), Some(Operand::Num(sz))) =
                    (a.operands.first(), a.operands.get(1))
                {
                    let fname = a.data.get(*x as usize..*y as usize).unwrap_or(&[]);
                    f.gs.font = Some(self.font_for(resources, fname));
                    f.gs.fs = *sz;
                } else if let Some(Operand::Num(sz)) = a.operands.last() {
                    f.gs.fs = *sz;
                }
            }
            b"Tc" => f.gs.tc = a.num(0),
            b"Tw" => f.gs.tw = a.num(0),
            b"Tz" => f.gs.th = a.num(0) / 100.0,
            b"TL" => f.gs.tl = a.num(0),
            b"Ts" => f.gs.rise = a.num(0),
            b"Td" | b"TD" => {
                let (tx, ty) = (a.num(0), a.num(1));
                if op == b"TD" {
                    f.gs.tl = -ty;
                }
                f.tlm = translate(&f.tlm, tx, ty);
                f.tm = f.tlm;
            }
            b"Tm" => {
                if let Some(m) = a.six().and_then(super::finite) {
                    f.tm = m;
                    f.tlm = m;
                }
            }
            b"T*" => {
                f.tlm = translate(&f.tlm, 0.0, -f.gs.tl);
                f.tm = f.tlm;
            }
            b"Tj" => {
                if let Some(bytes) = a.last_str() {
                    self.show(bytes, &f.gs, &mut f.tm);
                }
            }
            b"'" | b"\"" => {
                if op == b"\"" {
                    f.gs.tw = a.num(0);
                    f.gs.tc = a.num(1);
                }
                f.tlm = translate(&f.tlm, 0.0, -f.gs.tl);
                f.tm = f.tlm;
                if let Some(bytes) = a.last_str() {
                    self.show(bytes, &f.gs, &mut f.tm);
                }
            }
            b"TJ" => {
                for o in a.operands {
                    match o {
                        Operand::Str(x, y) => {
                            let bytes = a.strbuf.get(*x as usize..*y as usize).unwrap_or(&[]);
                            self.show(bytes, &f.gs, &mut f.tm);
                        }
                        Operand::Num(v) => {
                            let tx = -v / 1000.0 * f.gs.fs * f.gs.th;
                            if tx.is_finite() {
                                f.tm = translate(&f.tm, tx, 0.0);
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => return false,
        }
        true
    }

    pub(super) fn font_for(&mut self, resources: Option<&'a Dictionary>, fname: &[u8]) -> Rc<Font> {
        let doc = self.doc;
        let entry = resources
            .and_then(|r| dict_get(doc, r, b"Font"))
            .and_then(|o| o.as_dict().ok())
            .and_then(|fd| fd.get(fname).ok());
        match entry {
            Some(Object::Reference(id)) => {
                if let Some(f) = self.cache.fonts.get(id) {
                    return f.clone();
                }
                let f = match deref(doc, &Object::Reference(*id)).as_dict() {
                    Ok(d) => Rc::new(Font::load(
                        doc,
                        d,
                        self.limits.max_stream_bytes,
                        &self.cache.budget,
                    )),
                    Err(_) => self.fallback(),
                };
                self.cache.fonts.insert(*id, f.clone());
                f
            }
            Some(Object::Dictionary(d)) => {
                let key = d as *const Dictionary as usize;
                if let Some(f) = self.cache.direct_fonts.get(&key) {
                    return f.clone();
                }
                let f = Rc::new(Font::load(
                    doc,
                    d,
                    self.limits.max_stream_bytes,
                    &self.cache.budget,
                ));
                self.cache.direct_fonts.insert(key, f.clone());
                f
            }
            _ => self.fallback(),
        }
    }

    pub(super) fn fallback(&mut self) -> Rc<Font> {
        self.cache
            .fallback
            .get_or_insert_with(|| Rc::new(Font::fallback()))
            .clone()
    }

    fn show(&mut self, bytes: &[u8], gs: &GState, tm: &mut M) {
        if bytes.is_empty() {
            return;
        }
        let font = match &gs.font {
            Some(f) => f.clone(),
            None => self.fallback(),
        };
        let m = mul(tm, &gs.ctm);
        let fs = gs.fs;
        let th = gs.th;
        let size = (fs * font.size_scale * m[2].hypot(m[3])).abs();
        // The writing direction: the text matrix's x axis, turned round by a negative font
        // size or horizontal scale (a negative size draws the text rotated by 180°).
        let dir = (fs * th).signum();
        let rot = {
            let (a, b) = (m[0] * dir, m[1] * dir);
            if a.abs() >= b.abs() {
                if a >= 0.0 {
                    0u8
                } else {
                    2
                }
            } else if b > 0.0 {
                1
            } else {
                3
            }
        };
        // A mirrored matrix (its x and y axes swapped in handedness, e.g. `-1 0 0 1 Tm`) still
        // stacks its lines top to bottom on the page: the line coordinate is turned back.
        let mirrored = (m[0] * m[3] - m[1] * m[2]) * th.signum() < 0.0;
        let margin = size.min(1000.0);
        let mut u = 0.0f32;
        let mut rest = bytes;
        let out = &mut *self.out;
        while !rest.is_empty() {
            let code: Code = font.next_code(rest);
            rest = rest.get(usize::from(code.len).max(1)..).unwrap_or(&[]);
            let w0 = font.width(&code);
            let mut adv = w0 * fs + gs.tc;
            if font.is_word_space(&code) {
                adv += gs.tw;
            }
            let adv = adv * th;
            let vis = w0 * fs * th;
            if out.glyphs.len() < MAX_GLYPHS && size.is_finite() && size > 0.0 {
                let (px, py) = (
                    u * m[0] + gs.rise * m[2] + m[4],
                    u * m[1] + gs.rise * m[3] + m[5],
                );
                let ue = u + vis;
                let (qx, qy) = (
                    ue * m[0] + gs.rise * m[2] + m[4],
                    ue * m[1] + gs.rise * m[3] + m[5],
                );
                let inside = px >= self.bbox[0] - margin
                    && px <= self.bbox[2] + margin
                    && py >= self.bbox[1] - margin
                    && py <= self.bbox[3] + margin;
                if inside && px.is_finite() && py.is_finite() && qx.is_finite() && qy.is_finite() {
                    let (x0, x1, y) = match rot {
                        0 => (px, qx, -py),
                        1 => (py, qy, px),
                        2 => (-px, -qx, py),
                        _ => (-py, -qy, -px),
                    };
                    let (x0, x1) = if x1 < x0 { (x1, x0) } else { (x0, x1) };
                    let y = if mirrored { -y } else { y };
                    let t0 = out.text.len();
                    let mut flags = 0u8;
                    self.scratch.clear();
                    if font.unicode(&code, &mut self.scratch) {
                        push_clean(&mut out.text, &self.scratch, &mut out.bad_chars);
                        if out
                            .text
                            .get(t0..)
                            .is_some_and(|t| !t.is_empty() && t.chars().all(|c| c == ' '))
                        {
                            out.text.truncate(t0 + 1);
                            flags |= F_SPACE;
                        }
                    } else if !font.dingbats {
                        flags |= F_UNMAPPED;
                        out.unmapped += 1;
                    }
                    out.glyphs.push(Glyph {
                        x0,
                        x1,
                        y,
                        size,
                        t0: t0 as u32,
                        t1: out.text.len() as u32,
                        rot,
                        flags,
                        mark: '\0',
                    });
                }
            } else if out.glyphs.len() >= MAX_GLYPHS {
                out.truncated = true;
            }
            if adv.is_finite() {
                u += adv;
            }
        }
        *tm = translate(tm, u, 0.0);
    }
}

/// Appends `s` to `out` with ligatures expanded, no-break spaces and tabs as spaces, and
/// control, private-use and replacement characters dropped (and counted in `bad`).
pub(crate) fn push_clean(out: &mut String, s: &str, bad: &mut usize) {
    for c in s.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            '\u{A0}' | '\t' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{3000}' => out.push(' '),
            '\u{200B}'..='\u{200D}' | '\u{FEFF}' | '\u{2060}' => {}
            '\n' | '\r' => out.push(' '),
            c if c.is_control() || c == '\u{FFFD}' => *bad += 1,
            '\u{E000}'..='\u{F8FF}' => *bad += 1,
            c => out.push(c),
        }
    }
}
