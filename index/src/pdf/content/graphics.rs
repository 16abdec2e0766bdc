//! Graphics: path operators kept only as far as they draw ruling lines (table borders: thin
//! filled rectangles and stroked straight segments), images (their area, for the
//! no-text-layer check) and Form XObjects (run recursively, depth- and cycle-limited, their
//! content cached per object).

use super::{finite, mul, Args, GState, Interp, IDENT, M};
use crate::pdf::{arr, deref, dict_get, name, num, stream_bytes};
use lopdf::Dictionary;
use std::rc::Rc;

/// Most ruling lines kept per page, and path segments per path.
const MAX_RULES: usize = 20_000;
const MAX_PATH: usize = 4_096;
/// Rulings are at most this thick (device units).
const RULE_THICKNESS: f32 = 3.0;

/// The current path: segment boxes in device space, whether each is a rectangle, the current
/// point and the subpath start (user space).
#[derive(Default)]
pub(super) struct Path {
    segs: Vec<([f32; 4], bool)>,
    cur: (f32, f32),
    start: (f32, f32),
}

impl Path {
    /// Runs a path operator, painting rulings into `rules`; false if `op` is not one.
    pub(super) fn op(&mut self, op: &[u8], a: &Args, ctm: &M, rules: &mut Vec<[f32; 4]>) -> bool {
        match op {
            b"m" => {
                self.cur = (a.num(0), a.num(1));
                self.start = self.cur;
            }
            b"l" => {
                let p = (a.num(0), a.num(1));
                if self.segs.len() < MAX_PATH {
                    self.segs.push((seg_box(ctm, &[self.cur, p]), false));
                }
                self.cur = p;
            }
            b"h" => {
                if self.segs.len() < MAX_PATH && self.cur != self.start {
                    self.segs
                        .push((seg_box(ctm, &[self.cur, self.start]), false));
                }
                self.cur = self.start;
            }
            b"c" => self.cur = (a.num(4), a.num(5)),
            b"v" | b"y" => self.cur = (a.num(2), a.num(3)),
            b"re" => {
                let (x, y, w, h) = (a.num(0), a.num(1), a.num(2), a.num(3));
                if self.segs.len() < MAX_PATH {
                    let corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)];
                    self.segs.push((seg_box(ctm, &corners), true));
                }
                self.cur = (x, y);
                self.start = self.cur;
            }
            b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" | b"n" => {
                if op != b"n" {
                    let stroke = matches!(op, b"S" | b"s" | b"B" | b"B*" | b"b" | b"b*");
                    add_rules(rules, &self.segs, stroke);
                }
                self.segs.clear();
            }
            _ => return false,
        }
        true
    }
}

fn add_rules(rules: &mut Vec<[f32; 4]>, path: &[([f32; 4], bool)], stroke: bool) {
    for &(b, is_rect) in path {
        if rules.len() >= MAX_RULES {
            return;
        }
        let (w, h) = (b[2] - b[0], b[3] - b[1]);
        if !(w.is_finite() && h.is_finite()) {
            continue;
        }
        if (h <= RULE_THICKNESS && w >= RULE_THICKNESS)
            || (w <= RULE_THICKNESS && h >= RULE_THICKNESS)
        {
            rules.push(b);
        } else if is_rect && stroke && w > RULE_THICKNESS && h > RULE_THICKNESS {
            // A stroked box: its four edges.
            rules.push([b[0], b[1], b[2], b[1]]);
            rules.push([b[0], b[3], b[2], b[3]]);
            rules.push([b[0], b[1], b[0], b[3]]);
            rules.push([b[2], b[1], b[2], b[3]]);
        }
    }
}

impl<'a> Interp<'a> {
    pub(super) fn add_image(&mut self, ctm: &M) {
        let area = (ctm[0] * ctm[3] - ctm[1] * ctm[2]).abs();
        if area.is_finite() {
            self.out.image_area += area;
        }
    }

    pub(super) fn xobject(
        &mut self,
        xname: &[u8],
        resources: Option<&'a Dictionary>,
        gs: &GState,
        depth: usize,
    ) {
        let doc = self.doc;
        let Some(entry) = resources
            .and_then(|r| dict_get(doc, r, b"XObject"))
            .and_then(|o| o.as_dict().ok())
            .and_then(|d| d.get(xname).ok())
        else {
            return;
        };
        let id = entry.as_reference().ok();
        let Ok(stream) = deref(doc, entry).as_stream() else {
            return;
        };
        let subtype = dict_get(doc, &stream.dict, b"Subtype")
            .and_then(name)
            .unwrap_or(b"");
        if subtype == b"Image" {
            self.add_image(&gs.ctm);
            return;
        }
        if subtype != b"Form" || depth >= self.limits.max_xobject_depth {
            return;
        }
        if let Some(id) = id {
            if self.form_stack.contains(&id) {
                return;
            }
        }
        let content: Rc<[u8]> = match id.and_then(|id| self.cache.forms.get(&id)) {
            Some(c) => c.clone(),
            None => {
                if id.is_some_and(|id| self.cache.failed.contains(&id)) {
                    return;
                }
                let limit = self.limits.max_stream_bytes;
                let Some(bytes) = stream_bytes(deref(doc, entry), limit, &self.cache.budget) else {
                    if let Some(id) = id {
                        self.cache.failed.insert(id);
                    }
                    return;
                };
                let c: Rc<[u8]> = Rc::from(bytes);
                if let Some(id) = id {
                    self.cache.forms.insert(id, c.clone());
                }
                c
            }
        };
        let mut g = gs.clone();
        if let Some(m) = dict_get(doc, &stream.dict, b"Matrix").and_then(|o| arr(doc, o)) {
            let mut mm = IDENT;
            if m.len() == 6 {
                for (slot, o) in mm.iter_mut().zip(m.iter()) {
                    *slot = num(deref(doc, o)).unwrap_or(0.0);
                }
                if let Some(c) = finite(mul(&mm, &g.ctm)) {
                    g.ctm = c;
                }
            }
        }
        let res = dict_get(doc, &stream.dict, b"Resources")
            .and_then(|o| o.as_dict().ok())
            .or(resources);
        if let Some(id) = id {
            self.form_stack.push(id);
        }
        self.run(&content, res, g, depth + 1);
        if id.is_some() {
            self.form_stack.pop();
        }
    }
}

/// Device-space bounding box of user-space points.
fn seg_box(ctm: &M, pts: &[(f32, f32)]) -> [f32; 4] {
    let mut b = [
        f32::INFINITY,
        f32::INFINITY,
        f32::NEG_INFINITY,
        f32::NEG_INFINITY,
    ];
    for &(x, y) in pts {
        let dx = x * ctm[0] + y * ctm[2] + ctm[4];
        let dy = x * ctm[1] + y * ctm[3] + ctm[5];
        b[0] = b[0].min(dx);
        b[1] = b[1].min(dy);
        b[2] = b[2].max(dx);
        b[3] = b[3].max(dy);
    }
    b
}
