//! A bare Tauri 2 window: nothing but a page with one line of text.
fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("the bare window could not start");
}
