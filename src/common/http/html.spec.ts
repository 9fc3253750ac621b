import { html } from 'src/common/http/html';

describe(html.name, () => {
  it('escapes interpolated text, keeps nested safe html', () => {
    const name = '<script>alert("x")</script> & Ö';
    const inner = html`<b>${name}</b>`;
    expect(html`<p>${inner} ${[html`<i>${'a<b'}</i>`, null]} ${42}</p>`.toString()).toBe(
      '<p><b>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Ö</b> <i>a&lt;b</i> 42</p>',
    );
  });
});
