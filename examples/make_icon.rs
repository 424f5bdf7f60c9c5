//! Draws skillgap's icon, `assets/desktop/skillgap.png` (256x256), from the same shapes as
//! `assets/desktop/skillgap.svg`: six bars in the stages' colours, rising from Build to Recover, on a
//! rounded dark square. Run `cargo run --example make_icon` after changing the shapes in both.

#![allow(clippy::unwrap_used, clippy::expect_used)]

const SIZE: u32 = 256;
const BACKGROUND: [u8; 3] = [31, 41, 55];
/// Left edge, width and height of each bar (bottom at 208), in the stages' colours (src/gui/theme.rs).
const BARS: [(u32, u32, u32, [u8; 3]); 6] = [
    (40, 24, 56, [60, 103, 173]),
    (70, 24, 80, [123, 82, 185]),
    (100, 24, 104, [34, 116, 107]),
    (130, 24, 128, [48, 117, 56]),
    (160, 24, 148, [139, 97, 21]),
    (190, 24, 160, [177, 67, 67]),
];
const CORNER: f32 = 48.0;
const BAR_BOTTOM: u32 = 208;

fn inside_rounded_square(x: u32, y: u32) -> bool {
    let (fx, fy) = (x as f32 + 0.5, y as f32 + 0.5);
    let near = |v: f32| {
        if v < CORNER {
            CORNER - v
        } else if v > SIZE as f32 - CORNER {
            v - (SIZE as f32 - CORNER)
        } else {
            0.0
        }
    };
    let (dx, dy) = (near(fx), near(fy));
    dx * dx + dy * dy <= CORNER * CORNER
}

fn main() {
    let mut image = image::RgbaImage::new(SIZE, SIZE);
    for (x, y, pixel) in image.enumerate_pixels_mut() {
        if !inside_rounded_square(x, y) {
            continue;
        }
        let bar = BARS.iter().find(|(left, width, height, _)| {
            (*left..left + width).contains(&x) && (BAR_BOTTOM - height..BAR_BOTTOM).contains(&y)
        });
        let [r, g, b] = bar.map_or(BACKGROUND, |(.., color)| *color);
        *pixel = image::Rgba([r, g, b, 255]);
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/desktop/skillgap.png");
    image.save(path).expect("write the icon");
    println!("wrote {path}");
}
