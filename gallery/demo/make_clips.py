"""How the demo's two short videos (clip-*.mp4 beside this file) were made.

Not run by the demo: the clips are shipped, each a few dozen KB. A canvas animation in
Debian's Chromium is recorded by its MediaRecorder as H.264 in MP4, which every browser
plays. Run again (it needs the dev requirements and /usr/bin/chromium) to redraw them:

    .venv/bin/python gallery/demo/make_clips.py
"""

import base64
from pathlib import Path

HERE = Path(__file__).resolve().parent
SECONDS = 6

CLIPS = {
    "clip-thang-cong-nhan.mp4": {
        "background": "#0b3d91",
        "band": "#b0121f",
        "footer": "#ffffff",
        "lines": [
            "THÁNG CÔNG NHÂN 2025",
            "Vì việc làm bền vững",
            "Liên đoàn Lao động tỉnh Điện Biên",
        ],
        "shape": "sun",
    },
    "clip-an-toan-lao-dong.mp4": {
        "background": "#1e6b34",
        "band": "#f4c430",
        "footer": "#1b1f24",
        "lines": [
            "AN TOÀN KHI LÀM VIỆC TRÊN CAO",
            "Đội mũ, đeo dây an toàn",
            "Kiểm tra giàn giáo trước ca làm",
        ],
        "shape": "helmet",
    },
}

SCRIPT = r"""
async (clip) => {
  const width = 480, height = 270, seconds = SECONDS;
  const canvas = document.createElement('canvas');
  canvas.width = width; canvas.height = height;
  document.body.appendChild(canvas);
  const g = canvas.getContext('2d');
  const recorder = new MediaRecorder(canvas.captureStream(15), {
    mimeType: 'video/mp4;codecs=avc1.42E01E', videoBitsPerSecond: 120000,
  });
  const chunks = [];
  recorder.ondataavailable = (event) => chunks.push(event.data);
  const stopped = new Promise((resolve) => { recorder.onstop = resolve; });
  recorder.start();
  const start = performance.now();
  await new Promise((resolve) => {
    function frame() {
      const t = (performance.now() - start) / 1000;
      g.fillStyle = clip.background; g.fillRect(0, 0, width, height);
      g.fillStyle = clip.band; g.fillRect(0, height - 36, width, 36);
      g.fillStyle = '#f4c430';
      if (clip.shape === 'sun') {
        g.beginPath(); g.arc(60 + t * 55, 70, 26, 0, Math.PI * 2); g.fill();
      } else {
        g.beginPath(); g.arc(width - 80, 150 - Math.sin(t * 2) * 10, 34, Math.PI, 0); g.fill();
        g.fillRect(width - 124, 150 - Math.sin(t * 2) * 10, 88, 8);
      }
      g.fillStyle = '#ffffff'; g.textAlign = 'left';
      g.font = 'bold 22px sans-serif';
      g.fillText(clip.lines[0], 24, 130);
      g.font = '18px sans-serif';
      if (t > 1.5) g.fillText(clip.lines[1], 24, 165);
      if (t > 3) g.fillText(clip.lines[2], 24, 195);
      g.font = '13px sans-serif'; g.fillStyle = clip.footer;
      g.fillText('congdoan-dienbien.example.vn', 24, height - 13);
      if (t < seconds) requestAnimationFrame(frame); else resolve();
    }
    frame();
  });
  recorder.stop();
  await stopped;
  const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}
""".replace("SECONDS", str(SECONDS))


def main() -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        page = chromium.new_page()
        page.set_content("<!DOCTYPE html><title>clip</title>")
        for name, clip in CLIPS.items():
            data = base64.b64decode(page.evaluate(SCRIPT, clip))
            (HERE / name).write_bytes(data)
            print(f"{name}: {len(data)} bytes")
        chromium.close()


if __name__ == "__main__":
    main()
