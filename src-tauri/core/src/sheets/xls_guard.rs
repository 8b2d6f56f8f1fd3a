//! A look inside a binary .xls (and WPS .et) before calamine parses it: calamine
//! reserves memory for the area a sheet's DIMENSIONS record claims and builds a dense
//! range over its cells, so a 2 KB file claiming four billion rows, or holding two
//! cells far apart, would abort the process. This walks the compound file and the
//! BIFF records of the workbook stream and refuses such a file first.

use super::{bad, MAX_CELLS, MAX_COLUMNS, MAX_ROWS, MAX_TOP_ROWS};
use crate::base::error::Result;

const END: u32 = 0xFFFF_FFFE;
const MAX_ROW_INDEX: u64 = (MAX_ROWS + MAX_TOP_ROWS) as u64;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}
fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The sectors of a chain, stopping at a loop or a bad link.
fn chain(next: &dyn Fn(u32) -> Option<u32>, start: u32, limit: usize) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    let mut s = start;
    while s != END {
        if out.len() > limit {
            return None;
        }
        out.push(s);
        s = next(s)?;
    }
    Some(out)
}

/// The workbook stream's bytes, or `None` if the compound file is malformed.
fn workbook_stream(b: &[u8]) -> Option<Vec<u8>> {
    let shift = u16_at(b, 0x1E)?;
    if !(7..=16).contains(&shift) {
        return None;
    }
    let size = 1usize << shift;
    let sectors = b.len() / size + 1;
    let sector = |n: u32| -> Option<&[u8]> {
        let at = (n as usize).checked_add(1)?.checked_mul(size)?;
        b.get(at..at + size)
    };
    // FAT sector numbers: 109 in the header, the rest in the DIFAT chain.
    let mut fat_sectors: Vec<u32> = (0..109)
        .filter_map(|i| u32_at(b, 0x4C + i * 4))
        .filter(|s| *s < 0xFFFF_FFFA)
        .collect();
    let mut difat = u32_at(b, 0x44)?;
    let mut guard = 0;
    while difat < 0xFFFF_FFFA {
        guard += 1;
        if guard > sectors {
            return None;
        }
        let d = sector(difat)?;
        let per = size / 4 - 1;
        fat_sectors.extend(
            (0..per)
                .filter_map(|i| u32_at(d, i * 4))
                .filter(|s| *s < 0xFFFF_FFFA),
        );
        difat = u32_at(d, per * 4)?;
    }
    if fat_sectors.len() > sectors {
        return None;
    }
    let mut fat: Vec<u32> = Vec::new();
    for s in &fat_sectors {
        let d = sector(*s)?;
        fat.extend((0..size / 4).filter_map(|i| u32_at(d, i * 4)));
    }
    let next = |s: u32| fat.get(s as usize).copied();
    let read_chain = |start: u32| -> Option<Vec<u8>> {
        let mut out = Vec::new();
        for s in chain(&next, start, sectors)? {
            out.extend_from_slice(sector(s)?);
        }
        Some(out)
    };
    let dir = read_chain(u32_at(b, 0x30)?)?;
    let entries: Vec<&[u8]> = dir.chunks_exact(128).collect();
    let root = entries.first()?;
    let name_of = |e: &[u8]| -> String {
        let len = (u16_at(e, 0x40).unwrap_or(0) as usize).min(64);
        let units: Vec<u16> = (0..len / 2)
            .filter_map(|i| u16_at(e, i * 2))
            .take_while(|u| *u != 0)
            .collect();
        String::from_utf16_lossy(&units)
    };
    // As calamine chooses: the first entry named Workbook (any case, any type),
    // else the first named Book.
    let wb = entries
        .iter()
        .find(|e| name_of(e).eq_ignore_ascii_case("Workbook"))
        .or_else(|| {
            entries
                .iter()
                .find(|e| name_of(e).eq_ignore_ascii_case("Book"))
        })?;
    let start = u32_at(wb, 0x74)?;
    let len = u32_at(wb, 0x78)? as usize;
    if len > b.len() * 2 + 4096 {
        return None;
    }
    // calamine takes streams under 4096 bytes from the mini stream, whatever the
    // header's cutoff field says.
    let mut stream = if len < 4096 {
        // Small streams live in the mini stream, 64-byte sectors mapped by the mini FAT.
        let mini = read_chain(u32_at(root, 0x74)?)?;
        let minifat_bytes = read_chain(u32_at(b, 0x3C)?).unwrap_or_default();
        let minifat: Vec<u32> = (0..minifat_bytes.len() / 4)
            .filter_map(|i| u32_at(&minifat_bytes, i * 4))
            .collect();
        let mini_next = |s: u32| minifat.get(s as usize).copied();
        let mut out = Vec::new();
        for s in chain(&mini_next, start, mini.len() / 64 + 1)? {
            let at = s as usize * 64;
            out.extend_from_slice(mini.get(at..at + 64)?);
        }
        out
    } else {
        read_chain(start)?
    };
    stream.truncate(len);
    Some(stream)
}

/// Refuses an .xls whose sheets claim or span more than the caps allow. Records are
/// walked from the start of the stream and again from every sheet's offset named in
/// the BOUNDSHEET records, which is where calamine parses each sheet.
pub(super) fn check(bytes: &[u8], name: &str) -> Result<()> {
    let damaged = || {
        bad(format!(
            "文件“{name}”已损坏，无法读取。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入。"
        ))
    };
    let stream = workbook_stream(bytes).ok_or_else(damaged)?;
    let mut offsets = vec![0usize];
    let mut at = 0usize;
    while at + 4 <= stream.len() {
        let id = u16_at(&stream, at).unwrap_or(0);
        let len = u16_at(&stream, at + 2).unwrap_or(0) as usize;
        if id == 0x0085 {
            if let Some(pos) = u32_at(&stream, at + 4) {
                offsets.push(pos as usize);
            }
        }
        at += 4 + len;
    }
    if offsets.len() > 10_000 {
        return Err(damaged());
    }
    offsets.sort_unstable();
    offsets.dedup();
    // Each sheet ends at its EOF record; a budget of bytes walked keeps offsets
    // that point into one long run from adding up to a hang.
    let mut budget = stream.len().saturating_mul(4).max(1 << 20);
    for from in offsets {
        scan(&stream, from, name, &mut budget)?;
        if budget == 0 {
            return Err(damaged());
        }
    }
    Ok(())
}

/// Checks the records from `from` to the end of the stream: DIMENSIONS records and
/// the bounding box of cell records, per sheet (each BOF starts one).
fn scan(stream: &[u8], from: usize, name: &str, budget: &mut usize) -> Result<()> {
    let too_big = || {
        bad(format!(
            "文件“{name}”中的表格范围太大（上限 {MAX_ROWS} 行数据、{MAX_COLUMNS} 列、{MAX_CELLS} 个单元格）。请删掉表格外多余的内容，或拆成几个文件分别导入。"
        ))
    };
    let mut bounds: Option<(u64, u64, u64, u64)> = None;
    let check_area = |bx: Option<(u64, u64, u64, u64)>| -> Result<()> {
        if let Some((r0, r1, c0, c1)) = bx {
            if (r1 - r0 + 1) * (c1 - c0 + 1) > MAX_CELLS as u64 {
                return Err(too_big());
            }
        }
        Ok(())
    };
    let mut at = from;
    while at + 4 <= stream.len() {
        let id = u16_at(stream, at).unwrap_or(0);
        let len = u16_at(stream, at + 2).unwrap_or(0) as usize;
        let data = stream.get(at + 4..at + 4 + len).unwrap_or(&[]);
        at += 4 + len;
        *budget = budget.saturating_sub(4 + len);
        if *budget == 0 {
            return Ok(());
        }
        match id {
            // EOF: the end of this sheet (or of the workbook globals).
            0x000A if from > 0 => break,
            0x0809 => {
                check_area(bounds.take())?;
            }
            0x0200 => {
                let (rf, rl, cf, cl) = match data.len() {
                    10 => (
                        u16_at(data, 0).unwrap_or(0) as u64,
                        u16_at(data, 2).unwrap_or(0) as u64,
                        u16_at(data, 4).unwrap_or(0) as u64,
                        u16_at(data, 6).unwrap_or(0) as u64,
                    ),
                    14 | 16 => (
                        u32_at(data, 0).unwrap_or(0) as u64,
                        u32_at(data, 4).unwrap_or(0) as u64,
                        u16_at(data, 8).unwrap_or(0) as u64,
                        u16_at(data, 10).unwrap_or(0) as u64,
                    ),
                    _ => continue,
                };
                // Reversed bounds wrap around in the reader's arithmetic.
                if rf > rl
                    || cf > cl
                    || rl > MAX_ROW_INDEX + 1
                    || cl > MAX_COLUMNS as u64
                    || (rl - rf) * (cl - cf) > MAX_CELLS as u64
                {
                    return Err(too_big());
                }
            }
            // Cell records: row, column first.
            0x0203 | 0x0204 | 0x00FD | 0x027E | 0x0205 | 0x0006 | 0x00D6 | 0x00BD | 0x0201
            | 0x00BE => {
                let (Some(r), Some(c)) = (u16_at(data, 0), u16_at(data, 2)) else {
                    continue;
                };
                let (r, c) = (r as u64, c as u64);
                // MULRK/MULBLANK end with the last column.
                let c_last = if matches!(id, 0x00BD | 0x00BE) && data.len() >= 6 {
                    u16_at(data, data.len() - 2).unwrap_or(0) as u64
                } else {
                    c
                };
                if r > MAX_ROW_INDEX || c_last.max(c) >= MAX_COLUMNS as u64 {
                    return Err(too_big());
                }
                let b = bounds.get_or_insert((r, r, c, c));
                b.0 = b.0.min(r);
                b.1 = b.1.max(r);
                b.2 = b.2.min(c);
                b.3 = b.3.max(c_last.max(c));
            }
            _ => {}
        }
    }
    check_area(bounds)
}
