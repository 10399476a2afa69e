// The page-wide message under the header (a refused key, a lost connection); empty text hides it.
export function showBanner(text) {
  const banner = document.getElementById("banner");
  banner.textContent = text;
  banner.hidden = !text;
}
