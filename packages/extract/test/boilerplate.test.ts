import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from '@khabar/extract';

const URL_ = 'https://news.example.com/world/2025/03/19/story';
const P1 = 'The first paragraph of the story explains what happened, where it happened, and who was there when it did.';
const P2 = 'A second paragraph adds the reaction of officials, who said the talks would continue next week in Geneva.';
const P3 = 'The third paragraph gives background, recalling that the previous round of negotiations ended without a deal.';

/** An article with one piece of furniture inserted at `where`. */
function withFurniture(furniture: string, where: 'before' | 'inside' | 'after' = 'inside'): string {
  return `<html><head><title>Talks resume | Example</title></head><body>
${where === 'before' ? furniture : ''}
<article><h1>Talks resume</h1>
<div class="story"><p>${P1}</p>${where === 'inside' ? furniture : ''}<p>${P2}</p><p>${P3}</p></div>
${where === 'after' ? furniture : ''}
</article></body></html>`;
}

function bodyOf(html: string): string {
  const a = extractArticle(html, URL_);
  assert.ok(a.text.includes(P1) && a.text.includes(P2) && a.text.includes(P3), `article text lost: ${a.text}`);
  return a.text;
}

const cases: [string, string, string, 'before' | 'inside' | 'after'][] = [
  ['navigation bars', '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>', 'Sport', 'before'],
  ['tickers of headlines', '<div class="news-ticker"><a href="/1">Markets fall sharply after the announcement</a> <a href="/2">Storm closes the main airport</a></div>', 'Storm closes', 'before'],
  ['report-this-image pop-ups', '<div class="modal fade" id="report"><div class="modal-body"><p>شكرا على الإبلاغ!</p><p>سيتم حجب هذه الصورة تلقائيا عندما يتم الإبلاغ عنها من طرف عدة أشخاص.</p></div></div>', 'الإبلاغ', 'before'],
  ['share bars', '<div class="share-buttons"><a href="#">Facebook</a> <a href="#">Twitter</a> <span>Share this article</span></div>', 'Facebook', 'inside'],
  ['comment sections', '<section id="comments"><h3>12 comments</h3><p>I think this is a long and thoughtful reader comment that goes on and on about the talks.</p></section>', 'reader comment', 'after'],
  ['related-article lists', '<div class="related"><h3>Related</h3><ul><li><a href="/a">Earlier talks collapsed in March after a dispute</a></li><li><a href="/b">Who is at the table</a></li></ul></div>', 'Earlier talks', 'after'],
  ['link-only related lists without a telling class', '<ul><li><a href="/a">Earlier talks collapsed in March after a long dispute</a></li><li><a href="/b">Who is at the table and why it matters</a></li></ul>', 'Earlier talks', 'inside'],
  ['"read it at the source" links', '<p><a href="https://source.example/1">انقر هنا لقراءة الخبر من مصدره.</a></p>', 'مصدره', 'after'],
  ['image captions and credits', '<figure><img src="x.jpg"><figcaption>Delegates arrive in Geneva. Photo: AFP</figcaption></figure>', 'Delegates arrive', 'inside'],
  ['credits that lost their figcaption', '<div>Sakib Ali/Hindustan Times/Getty Images</div>', 'Getty', 'inside'],
  ['cookie banners', '<div id="cookie-consent"><p>We use cookies to improve your experience on our website, as described in our policy.</p><button>Accept</button></div>', 'cookies', 'before'],
  ['cookie banners announced as dialogs', '<div role="dialog"><p>Nous utilisons des cookies pour mesurer l’audience et personnaliser les contenus du site.</p></div>', 'cookies', 'before'],
  ['ad slots and their labels', '<div class="ad-slot"><span>Advertisement</span></div><p>Advertisement</p>', 'Advertisement', 'inside'],
  ['newsletter boxes', '<div class="newsletter-signup"><p>Sign up for our daily briefing and get the news that matters delivered to your inbox every morning.</p></div>', 'daily briefing', 'after'],
  ['newsletter prompts without a telling class', '<p>Sign up for our newsletter</p>', 'newsletter', 'inside'],
  ['hidden elements', '<div style="display:none"><p>Hidden teaser text that readers never see on the page at all, whatever it says.</p></div>', 'Hidden teaser', 'inside'],
  ['screen-reader-only labels', '<span class="sr-only">Opens in a new window</span>', 'new window', 'inside'],
  ['bylines', '<p class="byline">By Jane Morrow</p>', 'Jane Morrow', 'inside'],
  ['datelines', '<p>March 19, 2025</p>', 'March 19', 'inside'],
  ['contributor lines', '<p>Reporting by Jane Morrow; editing by John Smith</p>', 'editing by', 'after'],
  ['reader forms', '<form><label>Your name</label><input name="n"><textarea>Write here</textarea><button>Send</button></form>', 'Your name', 'after'],
];

for (const [kind, furniture, needle, where] of cases) {
  test(`boilerplate is removed: ${kind}`, () => {
    assert.ok(!bodyOf(withFurniture(furniture, where)).includes(needle));
  });
}

test('a careless class name on the article wrapper does not hide the article', () => {
  const html = `<html><body><div id="app"><div class="content-with-sidebar"><div class="main-list">
<p>${P1}</p><p>${P2}</p><p>${P3}</p><p>${P1} ${P2}</p><p>${P3} ${P1}</p></div></div></div></body></html>`;
  const a = extractArticle(html, URL_);
  assert.ok(a.text.includes(P1) && a.text.includes(P3));
});

test('an article whose only wrapper is named like a widget is found on the retry', () => {
  const html = `<html><body><div class="sidebar-layout"><div class="breaking-news"><p>${P1}</p><p>${P2}</p></div></div><footer><p>About us</p></footer></body></html>`;
  const a = extractArticle(html, URL_);
  assert.ok(a.text.includes(P1) && a.text.includes(P2));
});

test('paragraphs each wrapped in their own card are gathered into one article', () => {
  const cards = [P1, P2, P3, P1.replace('first', 'fourth'), P2.replace('second', 'fifth')]
    .map((p) => `<div class="card"><div class="card-content"><p>${p}</p></div></div>`)
    .join('');
  const html = `<html><body><div class="collection">${cards}</div><aside><p>Other</p></aside></body></html>`;
  const a = extractArticle(html, URL_);
  assert.equal(a.paragraphs.length, 5);
});

test('old table layouts with <br><br> paragraphs are read', () => {
  const html = `<html><body><table><tr><td width="180"><a href="/1">Home</a><br><a href="/2">News</a></td>
<td><font size="3">${P1}<br><br>${P2}<br><br><b>A subheading</b><br>${P3}<br><br></font></td></tr></table></body></html>`;
  const a = extractArticle(html, URL_);
  assert.deepEqual(a.paragraphs, [P1, P2, 'A subheading', P3]);
});

test('subheadings are kept as their own paragraph, but not when nothing follows them', () => {
  const html = withFurniture('<h2>What was agreed</h2>').replace('</div>', '<h2>More on this</h2></div>');
  const a = extractArticle(html, URL_);
  assert.deepEqual(a.paragraphs, [P1, 'What was agreed', P2, P3]);
});

test('a data table in the article reads one row per line', () => {
  const rows = [['Pos.', 'Driver', 'Points'], ['1', 'Kyle Busch', '5040'], ['2', 'Martin Truex Jr.', '5035']]
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('');
  const html = withFurniture(`<table class="standings"><tbody>${rows}</tbody></table>`);
  const a = extractArticle(html, URL_);
  assert.ok(a.paragraphs.includes('1 Kyle Busch 5040'), a.paragraphs.join(' | '));
  assert.ok(a.paragraphs.includes('2 Martin Truex Jr. 5035'));
});

test('schema.org articleBody wins over a widget-like class and a wordy footer', () => {
  const html = `<html><body><div class="breaking-news"><div itemprop="articleBody">${P1}<div class="br"></div>${P2}</div></div>
<div class="footer-text"><p>${'Customer service can be contacted with any questions, requests, or complaints, by phone, by e-mail, or by post, at any time. '.repeat(4)}</p></div></body></html>`;
  const a = extractArticle(html, URL_);
  assert.deepEqual(a.paragraphs, [P1, P2]);
});

test('boilerplate is removed: collapsed Bootstrap panels (display:none until clicked)', () => {
  const panel = '<div class="collapse" id="letter"><div class="card"><p>We do this work every day at no cost to you, but it is far from free to produce, so please support us.</p></div></div>';
  assert.ok(!bodyOf(withFurniture(panel, 'after')).includes('no cost to you'));
  const open = '<div class="collapse show"><p>An expanded panel that readers see, with a sentence long enough to be prose on any page.</p></div>';
  assert.ok(bodyOf(withFurniture(open, 'inside')).includes('An expanded panel'));
});

test('a box headed "Comments" or "الأكثر قراءة" goes whole, even without telling class names', () => {
  const comments = '<div class="c9"><h3>التعليقات</h3><div class="c10"><b>مواطن</b><p>مقال جيد ومفصل، لكن السؤال الحقيقي هو هل ستلتزم الأطراف بما تم الاتفاق عليه أم لا.</p></div></div>';
  const mostRead = '<div class="c11"><h3>Most read</h3><div><a href="/1">Another story entirely</a><p>A summary of another story, long enough to look like prose to anyone.</p></div></div>';
  const text = bodyOf(withFurniture(comments + mostRead, 'after'));
  assert.ok(!text.includes('مقال جيد') && !text.includes('summary of another story'));
});
