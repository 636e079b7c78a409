drop table if exists wb_listings; drop sequence if exists wb_seq;
create table wb_listings as select (row_number() over (order by id) - 1)::int as n, id, host_id from properties
 where deleted_at is null and min_nights <= 2 and max_nights >= 2;
create unique index on wb_listings (n);
create sequence wb_seq;
