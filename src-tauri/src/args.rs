//! Command-line arguments of the desktop app.

use std::path::{Path, PathBuf};

pub const USAGE: &str = "用法: gridledger [--db 数据库文件 [--create]] [--demo]
  --db PATH   打开指定的数据库文件（默认在本用户的应用数据文件夹中）
  --create    与 --db 一起用：文件不存在时新建数据库（否则不新建任何文件）
  --demo      打开示例数据库（与正式数据分开存放，标有“示例数据”）";

#[derive(Debug, Default, PartialEq)]
pub struct Args {
    pub db: Option<PathBuf>,
    pub demo: bool,
    /// With `--db`: a missing file may be created (a mistyped path otherwise opens
    /// nothing and creates nothing).
    pub create: bool,
}

impl Args {
    pub fn parse(mut it: impl Iterator<Item = String>) -> Result<Args, String> {
        let mut args = Args::default();
        while let Some(a) = it.next() {
            match a.as_str() {
                "--db" => args.db = Some(it.next().ok_or("--db 后面要跟数据库文件路径")?.into()),
                s if s.starts_with("--db=") => args.db = Some(s["--db=".len()..].into()),
                "--demo" => args.demo = true,
                "--create" => args.create = true,
                "-h" | "--help" => return Err(String::new()),
                // Ignore what the OS or test drivers may add (e.g. -psn_ on macOS).
                _ => {}
            }
        }
        Ok(args)
    }

    /// A `--db` path that does not exist and may not be created: the message to show.
    pub fn missing_db(&self) -> Option<String> {
        let p = self.db.as_ref()?;
        (!self.create && !p.exists()).then(|| {
            format!(
                "找不到数据库文件“{}”：它可能被移动、改名或删除了。请把它放回原处后点“重试”；如果是桌面快捷方式里写的路径（--db 后面）不对，请改正快捷方式，要在这里新建一个空的数据库，在快捷方式里再加上 --create。没有新建任何文件。",
                p.display()
            )
        })
    }

    /// The database file: `--db`, else the demo file, else the user's own.
    pub fn db_path(&self, data_dir: &Path) -> PathBuf {
        match (&self.db, self.demo) {
            (Some(p), _) => p.clone(),
            (None, true) => data_dir.join("demo").join("gridledger-demo.db"),
            (None, false) => data_dir.join("gridledger.db"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(v: &[&str]) -> Result<Args, String> {
        Args::parse(v.iter().map(|s| s.to_string()))
    }

    #[test]
    fn flags() {
        assert_eq!(parse(&[]).unwrap(), Args::default());
        assert_eq!(
            parse(&["--db", "/tmp/x.db"]).unwrap().db,
            Some("/tmp/x.db".into())
        );
        assert_eq!(
            parse(&["--db=/tmp/y.db"]).unwrap().db,
            Some("/tmp/y.db".into())
        );
        assert!(parse(&["--demo"]).unwrap().demo);
        let missing = std::env::temp_dir().join("gridledger-no-such-folder/typo.db");
        let a = parse(&["--db", missing.to_str().unwrap()]).unwrap();
        assert!(a.missing_db().unwrap().contains("--create"));
        let a = parse(&["--db", missing.to_str().unwrap(), "--create"]).unwrap();
        assert!(a.missing_db().is_none());
        assert!(parse(&["--db"]).is_err());
        let d = Path::new("/data");
        assert_eq!(parse(&[]).unwrap().db_path(d), d.join("gridledger.db"));
        assert_eq!(
            parse(&["--demo"]).unwrap().db_path(d),
            d.join("demo/gridledger-demo.db")
        );
    }
}
