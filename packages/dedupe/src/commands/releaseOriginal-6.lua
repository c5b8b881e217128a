--[[
  Forgets an original whose article could not be indexed (its job failed for good), so the next
  copy of the story becomes the original instead of a copy of a document that does not exist.
  Only the page url that claimed the original can release it. Copies already recorded against it
  keep their decision (their jobs were told so, and a retry must hear the same).

  Input:
    KEYS[1-5] generation hashes, newest first (as for claimCopy-6)
    KEYS[6]   counters hash

    ARGV[1]   doc id, 16 bytes
    ARGV[2]   page url hash, 8 bytes
    ARGV[3]   the original's index keys, 4 bytes each ('' for a text too short to match)
    ARGV[4]   bytes per original's record (32 + sketch bytes)

  Output: 1 released, 0 when no original of this doc id was claimed by this page url.
]]
local docId, urlHash, keys, docSize = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local docRef = string.sub(docId, 1, 8)
local INDEX_SIZE = 12

-- Rewrites the bucket of `key` in table t without the records `drop` selects; returns how many.
local function removeFrom(hashKey, meta, t, key, recordSize, drop)
  local field = bucketField(t, meta, key)
  local bucket = redis.call('HGET', hashKey, field)
  if not bucket then return 0 end
  local kept, removed = {}, 0
  for i = 1, #bucket, recordSize do
    local r = string.sub(bucket, i, i + recordSize - 1)
    if string.sub(r, 1, #key) == key and drop(r) then removed = removed + 1 else kept[#kept + 1] = r end
  end
  if removed > 0 then
    if #kept > 0 then redis.call('HSET', hashKey, field, table.concat(kept)) else redis.call('HDEL', hashKey, field) end
    redis.call('HINCRBY', hashKey, t .. 'n', -removed)
  end
  return removed
end

for g = 1, 5 do
  local meta = readMeta(KEYS[g])
  if meta['dn'] > 0 then
    local released = removeFrom(KEYS[g], meta, 'd', docRef, docSize, function(r)
      return string.sub(r, 1, 16) == docId and string.sub(r, 17, 24) == urlHash
    end)
    if released > 0 then
      for i = 1, #keys, 4 do
        removeFrom(KEYS[g], meta, 'c', string.sub(keys, i, i + 3), INDEX_SIZE, function(r) return string.sub(r, 5, 12) == docRef end)
      end
      redis.call('HINCRBY', KEYS[6], 'released', 1)
      return 1
    end
  end
end
return 0
