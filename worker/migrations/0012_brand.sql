-- The site's brand colour (owner setting, `#rrggbb` in lower case): the widget's accent in light
-- mode unless the page sets --samen-accent. NULL: Samen's own accent.
ALTER TABLE sites ADD COLUMN brand_color TEXT;
