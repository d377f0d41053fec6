/**
 * The demo shop's HTML, rendered at build time into the assets directory.
 * Pages carry no inline script or style so they run under a strict CSP, and embed
 * Samen exactly as a site owner would: one script tag and one element.
 */
import { demoOrder, demoProducts, demoShop, formatPrice, type DemoProduct } from './catalog.ts';

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const SNIPPET = `<script type="module" src="/widget.js" data-site="${demoShop.siteId}"></script>`;

function layout(title: string, body: string, withWidget: boolean): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ${escapeHtml(demoShop.name)}</title>
<link rel="stylesheet" href="/shop.css">
<link rel="stylesheet" href="/swatches.css">
${withWidget ? SNIPPET : ''}
<script type="module" src="/demo-shop.js"></script>
</head>
<body>
<header class="shop-header">
  <a class="shop-logo" href="/">${escapeHtml(demoShop.name)}</a>
  <nav aria-label="Shop"><a href="/">Shop</a> <a href="/checkout">Cart (3)</a> <a href="/console/">Console</a></nav>
  <div class="browse-as"></div>
</header>
<main>
${body}
</main>
<footer class="shop-footer">Demo shop for Samen · prices include VAT · free returns within 30 days</footer>
</body>
</html>
`;
}

const productCard = (p: DemoProduct): string => `
  <li class="card">
    <a href="/products/${p.slug}">
      <span class="swatch" data-colour="${p.slug}" aria-hidden="true"></span>
      <span class="card-name">${escapeHtml(p.name)}</span>
      <span class="price">${formatPrice(p.priceCents)}</span>
    </a>
  </li>`;

export function homePage(): string {
  return layout(
    'Outdoor clothing and gear',
    `<h1>Outdoor clothing and gear for the North Sea coast</h1>
<p>Shells, layers, shoes and packs tested on the dunes between Den Helder and Cadzand.</p>
<ul class="grid">${demoProducts.map(productCard).join('')}
</ul>`,
    false,
  );
}

export function productPage(p: DemoProduct): string {
  return layout(
    p.name,
    `<article class="product">
  <div class="product-image swatch" data-colour="${p.slug}" role="img" aria-label="Photo of the ${escapeHtml(p.name)}"></div>
  <div class="product-info">
    <h1>${escapeHtml(p.name)}</h1>
    <p class="price">${formatPrice(p.priceCents)}</p>
    <p class="description">${escapeHtml(p.description)}</p>
    <button type="button" class="buy">Add to cart</button>
  </div>
</article>
<section class="product-community" aria-label="Questions and answers">
  <samen-widget product="${p.id}"></samen-widget>
</section>`,
    true,
  );
}

export function checkoutPage(): string {
  const lines = demoOrder.lines.map((line) => {
    const product = demoProducts.find((p) => p.id === line.productId);
    if (!product) throw new Error(`demo order names unknown product ${line.productId}`);
    return { product, quantity: line.quantity, total: product.priceCents * line.quantity };
  });
  const total = lines.reduce((sum, l) => sum + l.total, 0);
  return layout(
    'Checkout',
    `<h1>Checkout</h1>
<p>Order number <strong class="order-number">${demoOrder.number}</strong></p>
<table class="order">
  <caption>Order summary</caption>
  <thead><tr><th scope="col">Product</th><th scope="col">Qty</th><th scope="col">Price</th></tr></thead>
  <tbody>${lines
    .map(
      (l) =>
        `<tr><td>${escapeHtml(l.product.name)}</td><td>${l.quantity}</td><td>${formatPrice(l.total)}</td></tr>`,
    )
    .join('')}</tbody>
  <tfoot><tr><th scope="row" colspan="2">Total</th><td>${formatPrice(total)}</td></tr></tfoot>
</table>
<button type="button" class="buy">Pay now</button>
<section aria-label="Questions about your order">
  <samen-widget mode="checkout" order="${escapeHtml(demoOrder.number)}"></samen-widget>
</section>`,
    true,
  );
}

/** Every page of the demo shop by its path in the assets directory. */
export function demoPages(): Record<string, string> {
  const pages: Record<string, string> = {
    'index.html': homePage(),
    'checkout.html': checkoutPage(),
  };
  for (const p of demoProducts) pages[`products/${p.slug}.html`] = productPage(p);
  return pages;
}

/** Per-product swatch colours, as CSS (no inline styles: CSP). */
export function swatchCss(): string {
  return demoProducts.map((p) => `.swatch[data-colour="${p.slug}"]{background:${p.colour}}`).join('\n');
}
