-- Load data, photos (issue 13): one cover photo row for every listing of an already seeded load database that has
-- none, pointing at a few shared images (docs/bench/load/PhotoObjects.java draws them and stores them in the media
-- directory; seed.sh runs it first and passes their keys). Needs V18 (property_photos): run it after the service has
-- migrated the database, or after seed.sh's schema. Runnable alone, and again (listings with a photo are skipped):
--
--   psql -d staybook_load -f docs/bench/load/seed-photos.sql
--
-- Alone, it uses the keys below, which PhotoObjects.java writes on JDK 25 (PNG bytes are the same every run); the
-- images themselves are then served only once PhotoObjects.java has stored them in the service's media directory.
-- Each listing gets one of the three images by its id; the rows go in one statement in id order, with the listing's
-- creation time, and V29's statement trigger then writes each listing's cover keys onto its row in one update (about
-- a minute for a million listings).
\set ON_ERROR_STOP on
set client_min_messages = warning;
\if :{?o0}
\else
\set o0 'c2a7889602c2351df7c58570e56ee48e75dee3465ff9ee4cbcb2286f659c454f.png'
\endif
\if :{?l0}
\else
\set l0 'c2a7889602c2351df7c58570e56ee48e75dee3465ff9ee4cbcb2286f659c454f.png'
\endif
\if :{?m0}
\else
\set m0 '664932d6cbe8e82b830512729122773ed49d0d3d05738d5efb11c8092249f9ee.png'
\endif
\if :{?t0}
\else
\set t0 'c69fd2d95cefeffda10df88d38357ad63a29bb8e0f706d4db7f4b674f633d9bb.png'
\endif
\if :{?o1}
\else
\set o1 'b5d1c0b1fc43355efde6c7b46eb4f4c1e6a4ebe675969c8500ddd52673146ce0.png'
\endif
\if :{?l1}
\else
\set l1 'b5d1c0b1fc43355efde6c7b46eb4f4c1e6a4ebe675969c8500ddd52673146ce0.png'
\endif
\if :{?m1}
\else
\set m1 'e2395af0e9d91bcc4f0d6ddb523305a606e9585acfb5041ce4288c885279e8aa.png'
\endif
\if :{?t1}
\else
\set t1 '719c44d46a460a2f1b4fbb7cf934c716cb08163133bfa212c7c35d917f80f397.png'
\endif
\if :{?o2}
\else
\set o2 '6a590e63f297bdbc5df76445e9127595581ba9bbd9e9ef716744cbc1070aa47b.png'
\endif
\if :{?l2}
\else
\set l2 '6a590e63f297bdbc5df76445e9127595581ba9bbd9e9ef716744cbc1070aa47b.png'
\endif
\if :{?m2}
\else
\set m2 'd83afb04f7c9f302253c34d789983d7f2a43ba3edbd5a905cc7ef8d5dad52437.png'
\endif
\if :{?t2}
\else
\set t2 'c90ea1d7c4312462edf79910859a3b870b84f5cceffd4b0d1bfb3af7340bfc3d.png'
\endif

insert into property_photos (id, property_id, position, caption, width, height, content_type, thumbnail_key,
                             medium_key, large_key, original_key, created_at)
select (lpad(to_hex((extract(epoch from p.created_at) * 1000)::bigint), 12, '0') || '7'
            || substr(replace(gen_random_uuid()::text, '-', ''), 14))::uuid,
       p.id, 0, null, 1600, 1200, 'image/png', k.thumbnail, k.medium, k.large, k.original, p.created_at
from properties p
join (values (0, :'t0', :'m0', :'l0', :'o0'),
             (1, :'t1', :'m1', :'l1', :'o1'),
             (2, :'t2', :'m2', :'l2', :'o2')) as k (n, thumbnail, medium, large, original)
  on k.n = abs(hashtext(p.id::text)) % 3
where p.deleted_at is null
  and not exists (select 1 from property_photos ph where ph.property_id = p.id)
order by p.id;

analyze property_photos;
select count(*) as listings_with_a_cover from property_photos where position = 0;
