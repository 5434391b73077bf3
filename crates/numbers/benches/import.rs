fn main() {
    let lines: Vec<String> = (0..200_000u64).map(|i| match i % 4 {
        0 => format!("+44 7400 {:06}", i % 1_000_000),
        1 => format!("+1 (202) 555-{:04}", i % 10000),
        2 => format!("+33 6 12 34 {:02} {:02}", i % 100, (i / 100) % 100),
        _ => format!("+4915123{:06}", i),
    }).collect();
    let t = std::time::Instant::now();
    let mut ok = 0;
    for l in &lines { if let Ok(n) = phonenumber::parse(None, l) { if phonenumber::is_valid(&n) { ok += 1; } } }
    println!("parse+valid {:?} per line {:?} ok {ok}", t.elapsed(), t.elapsed() / lines.len() as u32);
    let t = std::time::Instant::now();
    let mut ok = 0;
    for l in &lines { if let Ok(n) = phonenumber::parse(None, l) { ok += n.code().value() as usize; } }
    println!("parse only {:?}", t.elapsed());
    let nums: Vec<_> = lines.iter().map(|l| phonenumber::parse(None, l).unwrap()).collect();
    let t = std::time::Instant::now();
    for n in &nums { if phonenumber::is_valid(n) { ok += 1; } }
    println!("valid only {:?}", t.elapsed());
    let t = std::time::Instant::now();
    for n in &nums { ok += n.format().mode(phonenumber::Mode::E164).to_string().len(); }
    println!("format {:?} {ok}", t.elapsed());
}
