//! The Summary's preview (issue 16): the report's pages as the PDF prints them, on the paper chosen,
//! fitted to the width or a whole page in view.

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

use super::{MemoryStorage, Window, window};

/// The number of pages the preview's caption gives: "9 pages on A4, as the PDF prints them".
fn page_count(w: &Window, paper: &str) -> usize {
    let wanted = format!(" on {paper}, as the PDF prints them");
    let caption = w.harness.get_by_label_contains(&wanted);
    let label = caption.value().unwrap_or_default();
    label.split(' ').next().unwrap().parse().unwrap()
}

/// The page that ends with "Page `number` of `count`", as the preview draws it.
fn page(w: &Window, number: usize, count: usize) -> (egui::Rect, String) {
    let wanted = format!("\nPage {number} of {count}");
    let node = w.harness.get_by_label_contains(&wanted);
    (node.rect(), node.value().unwrap_or_default())
}

fn choose_paper(w: &mut Window, paper: &str) {
    w.harness.get_by_role_and_label(Role::ComboBox, "Paper").click();
    w.harness.run();
    w.harness.get_by_label(paper).click();
    w.harness.step();
    w.wait_for_pages();
}

#[test]
fn the_preview_shows_the_pdfs_pages_broken_where_the_pdf_breaks_them() {
    let mut w = window();
    w.click_checkbox("Build one");
    w.show("Summary");
    let count = page_count(&w, "A4");
    let (first, text) = page(&w, 1, count);
    assert!(text.starts_with("skillgap progress report\n"), "{text}");
    let ratio = first.width() / first.height();
    assert!((ratio - 595.28 / 841.89).abs() < 0.005, "an A4 page: {ratio}");

    let out = tempfile::tempdir().unwrap();
    w.set_save_folder(out.path());
    w.harness.get_by_role_and_label(Role::Button, "Save as PDF").click();
    w.wait_for_report();
    let saved = std::fs::read_dir(out.path()).unwrap().next().unwrap().unwrap().path();
    let printed = crate::report::pdf_pages(&std::fs::read(saved).unwrap(), out.path());
    assert_eq!(printed.len(), count, "as many pages as the PDF");
    for (number, printed) in printed.iter().enumerate() {
        let (_, shown) = page(&w, number + 1, count);
        let first_line = shown.lines().next().unwrap();
        assert!(
            printed.contains(first_line),
            "page {} starts with {first_line:?} in the PDF too:\n{printed}",
            number + 1
        );
    }
}

#[test]
fn letter_paper_and_whole_page_change_the_pages_drawn() {
    let mut w = window();
    w.show("Summary");
    choose_paper(&mut w, "Letter");
    let count = page_count(&w, "Letter");
    let (fitted, _) = page(&w, 1, count);
    assert!((fitted.width() / fitted.height() - 612.0 / 792.0).abs() < 0.005, "a Letter page");

    w.harness.get_by_role_and_label(Role::Button, "Whole page").click();
    w.harness.run();
    let (whole, _) = page(&w, 1, count);
    let window_height = w.harness.ctx.content_rect().height();
    assert!(whole.height() < fitted.height(), "smaller than fitted to the width");
    assert!(whole.max.y <= window_height, "the whole first page is in view: {whole:?} in {window_height}");
    let mut kept = MemoryStorage::default();
    eframe::App::save(w.harness.state_mut(), &mut kept);
    assert!(kept.0.values().any(|prefs| prefs.contains("WholePage")), "remembered with the window's preferences");
}

#[test]
fn page_keys_scroll_the_pages() {
    let mut w = window();
    w.show("Summary");
    let count = page_count(&w, "A4");
    assert!(count > 1, "the fixture's report has {count} pages");
    let top = page(&w, 1, count).0.min.y;
    w.harness.key_press(egui::Key::PageDown);
    w.harness.run_steps(30);
    let moved = top - page(&w, 1, count).0.min.y;
    assert!(moved > 300.0, "Page Down scrolls about a screen: {moved}");
    w.harness.key_press(egui::Key::End);
    w.harness.run_steps(30);
    let window_height = w.harness.ctx.content_rect().height();
    let last = page(&w, count, count).0;
    assert!(last.max.y <= window_height && last.max.y > 0.0, "End shows the last page's foot: {last:?}");
    w.harness.key_press(egui::Key::Home);
    w.harness.run_steps(30);
    assert_eq!(page(&w, 1, count).0.min.y, top, "Home goes back to the first page");
}
