-- Expert verdicts of a product, newest first. Without this index the planner answers
-- "newest expert reviews of this product" by walking the whole site's newest reviews
-- (measured: summary p95 195 ms at 200,000 reviews; 7 ms with it).
CREATE INDEX reviews_experts ON reviews (site_id, product_id, created_at DESC, id DESC) WHERE status = 'published' AND kind = 'expert';
