//! Workbooks read directly, so a spreadsheet never gets the chance to mangle long numbers; and
//! tables whose number column is not obvious are handed to the user to choose.

use cx_numbers::{read, Entry, Input, ReadError, ReadOptions, Reason, Summary};
use rust_xlsxwriter::Workbook;

fn read_bytes(
    name: &str,
    bytes: &[u8],
    column: Option<usize>,
) -> Result<(Summary, Vec<Entry>), ReadError> {
    let options = ReadOptions {
        default_country: None,
        column,
    };
    let mut entries = Vec::new();
    let summary = read(
        Input::Bytes { name, bytes },
        &options,
        &mut |_| {},
        &mut |entry| {
            entries.push(entry);
            Ok(())
        },
    )?;
    Ok((summary, entries))
}

fn workbook() -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Name").unwrap();
    sheet.write_string(0, 1, "Mobile").unwrap();
    sheet.write_string(1, 0, "Ann").unwrap();
    sheet.write_string(1, 1, "+44 7400 123456").unwrap();
    sheet.write_string(2, 0, "Bob").unwrap();
    sheet.write_number(2, 1, 12025550147.0).unwrap();
    sheet.write_string(3, 0, "Cy").unwrap();
    sheet.write_string(3, 1, "4.474E+11").unwrap();
    sheet.write_string(4, 0, "Di").unwrap();
    sheet.write_number(4, 1, 4.474e17).unwrap();
    sheet.write_string(5, 0, "Ed").unwrap();
    sheet.write_string(5, 1, "0032 470 12 34 56").unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn an_xlsx_is_read_from_its_cells_with_text_kept_and_lost_digits_refused() {
    let (summary, entries) = read_bytes("list.xlsx", &workbook(), None).unwrap();

    assert_eq!(
        entries,
        [
            Entry::Accepted {
                line: 2,
                e164: "+447400123456".into()
            },
            Entry::Rejected {
                line: 3,
                text: "12025550147".into(),
                reason: Reason::NationalWithoutCountry,
            },
            Entry::Rejected {
                line: 4,
                text: "4.474E+11".into(),
                reason: Reason::ExcelScientific
            },
            Entry::Rejected {
                line: 5,
                text: "4.474E17".into(),
                reason: Reason::ExcelScientific
            },
            Entry::Accepted {
                line: 6,
                e164: "+32470123456".into()
            },
        ]
    );
    assert_eq!(
        (summary.layout.format.as_str(), summary.layout.header),
        ("xlsx", true)
    );
    assert_eq!(
        summary.layout.column,
        Some(1),
        "the Mobile column, by its header"
    );
}

#[test]
fn a_numeric_cell_is_read_as_its_whole_digits_with_a_default_country() {
    let options = ReadOptions {
        default_country: Some("US".into()),
        column: None,
    };
    let mut accepted = Vec::new();
    let bytes = workbook();
    read(
        Input::Bytes {
            name: "list.xlsx",
            bytes: &bytes,
        },
        &options,
        &mut |_| {},
        &mut |entry| {
            if let Entry::Accepted { e164, .. } = entry {
                accepted.push(e164);
            }
            Ok(())
        },
    )
    .unwrap();

    assert!(
        accepted.contains(&"+12025550147".to_owned()),
        "{accepted:?}"
    );
}

#[test]
fn a_file_that_is_not_a_workbook_is_refused_with_a_message() {
    let error = read_bytes("list.xlsx", b"+447400123456\n", None).unwrap_err();

    assert!(
        error.to_string().starts_with("cannot read the workbook"),
        "{error}"
    );
}

#[test]
fn two_columns_of_numbers_without_a_telling_header_are_left_to_the_user() {
    let csv = "a,b\n+447400123456,+12025550147\n+447400123457,+12025550148\n";

    let Err(ReadError::ChooseColumn(columns)) = read_bytes("two.csv", csv.as_bytes(), None) else {
        panic!("the reader must not guess, nor join the row's digits");
    };
    assert_eq!(columns.len(), 2);
    assert_eq!(columns[1].samples, ["+12025550147", "+12025550148"]);

    let (_, entries) = read_bytes("two.csv", csv.as_bytes(), Some(1)).unwrap();
    let numbers: Vec<_> = entries
        .iter()
        .map(|e| match e {
            Entry::Accepted { e164, .. } => e164.as_str(),
            _ => "",
        })
        .collect();
    assert_eq!(numbers, ["+12025550147", "+12025550148"]);
}

#[test]
fn a_sep_line_sets_the_delimiter_and_is_not_a_number() {
    let csv = "sep=|\nphone|name\n+447400123456|Ann\n";

    let (summary, entries) = read_bytes("sep.csv", csv.as_bytes(), None).unwrap();

    assert_eq!(
        entries,
        [Entry::Accepted {
            line: 3,
            e164: "+447400123456".into()
        }]
    );
    assert_eq!(
        (summary.header_lines, summary.layout.delimiter.as_deref()),
        (2, Some("|"))
    );
}

/// An OpenDocument spreadsheet as LibreOffice writes one, reduced to what a reader needs: the
/// `mimetype` entry first and uncompressed, the manifest, and `content.xml` with one table.
fn ods(rows: &[&[(&str, &str)]]) -> Vec<u8> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    let cell = |(kind, value): &(&str, &str)| {
        match *kind {
        "float" => format!(
            "<table:table-cell office:value-type=\"float\" office:value=\"{value}\">\
             <text:p>{value}</text:p></table:table-cell>"
        ),
        _ => format!(
            "<table:table-cell office:value-type=\"string\"><text:p>{value}</text:p></table:table-cell>"
        ),
    }
    };
    let body: String = rows
        .iter()
        .map(|row| {
            format!(
                "<table:table-row>{}</table:table-row>",
                row.iter().map(cell).collect::<String>()
            )
        })
        .collect();
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <office:document-content \
         xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
         <office:body><office:spreadsheet><table:table table:name=\"Numbers\">{body}\
         </table:table></office:spreadsheet></office:body></office:document-content>"
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
        <manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">\
        <manifest:file-entry manifest:full-path=\"/\" \
        manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
        <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
        </manifest:manifest>";
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content.as_str()),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn an_ods_is_read_from_its_cells_like_an_xlsx() {
    let book = ods(&[
        &[("string", "Name"), ("string", "Mobile")],
        &[("string", "Ann"), ("string", "+44 7400 123456")],
        &[("string", "Bob"), ("float", "12025550147")],
        &[("string", "Ed"), ("string", "0032 470 12 34 56")],
    ]);
    let (summary, entries) = read_bytes("list.ods", &book, None).unwrap();

    assert_eq!(
        entries,
        [
            Entry::Accepted {
                line: 2,
                e164: "+447400123456".into()
            },
            Entry::Rejected {
                line: 3,
                text: "12025550147".into(),
                reason: Reason::NationalWithoutCountry,
            },
            Entry::Accepted {
                line: 4,
                e164: "+32470123456".into()
            },
        ]
    );
    assert_eq!(
        (
            summary.layout.format.as_str(),
            summary.layout.header,
            summary.layout.column
        ),
        ("ods", true, Some(1))
    );
}
