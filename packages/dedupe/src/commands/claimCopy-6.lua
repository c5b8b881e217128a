--[[
  Decides whether a page is an original article or a copy of one already claimed, and records the
  decision, in one atomic step: two workers racing on two copies of one story end with exactly one
  original.

  The index is one Redis hash per time generation (a quarter of the retention window); a whole
  generation expires at once, so memory stays bounded without per-entry expiry. Each generation
  hash holds three tables, each a linear hash table (Litwin 1980) of fixed-size binary records
  packed into bucket fields, so an article costs its record bytes plus a few bytes of overhead
  and a lookup reads a bounded bucket whatever the index size:
    u<bucket>  copies:   url hash 8 | original doc id 16 | reason 1 | similarity*10000 2   (27 bytes)
    d<bucket>  originals: doc id 16 | url hash 8 | text hash 8 | b-bit MinHash sketch
    c<bucket>  index:    index key 4 | first 8 bytes of the original's doc id           (12 bytes)
  and per table t the fields tL (level), tp (split pointer), tn (records): see
  includes/linearHash.lua, which is loaded in front of this script.

  Input:
    KEYS[1]   generation hash written now (the newest)
    KEYS[2-5] older generation hashes still inside the retention window, newest first
    KEYS[6]   counters hash

    ARGV[1]   doc id, 16 bytes
    ARGV[2]   page url hash, 8 bytes
    ARGV[3]   normalised text hash, 8 bytes
    ARGV[4]   b-bit MinHash sketch (fixed length; zeros when the text is too short to match)
    ARGV[5]   index keys, 4 bytes each ('' when the text is too short to match)
    ARGV[6]   similarity threshold for a near-duplicate (0..1)
    ARGV[7]   bits per sketch value (1, 2, 4 or 8)
    ARGV[8]   unix time (s) at which KEYS[1] expires
    ARGV[9]   records per bucket before a table splits one bucket
    ARGV[10]  most originals kept per index key (common phrases would grow unbounded buckets)

  Output: { kind, original doc id (16 bytes), reason, similarity*10000 }
    kind 'o' original (reason ''), 'd' duplicate with reason 'u' same-url, 't' same-text,
    'n' near-duplicate. A page url that already got a decision gets the same one again.
]]
local docId, urlHash, textHash, sketch, keys = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local threshold = tonumber(ARGV[6])
local bits = tonumber(ARGV[7])
local expireAt = ARGV[8]
local load = tonumber(ARGV[9])
local cap = tonumber(ARGV[10])
local stats = KEYS[6]
local GENERATIONS = 5
local COPY_SIZE, INDEX_SIZE = 27, 12
local docSize = 32 + #sketch
local docRef = string.sub(docId, 1, 8)

local metas = {}
for g = 1, GENERATIONS do metas[g] = readMeta(KEYS[g]) end

local function find(g, t, key, recordSize)
  return findRecords(KEYS[g], metas[g], t, key, recordSize)
end

local changed = {}

-- Appends a record to the newest generation; keyCap limits records sharing its first keySize bytes.
local function insert(t, record, recordSize, keySize, keyCap)
  local meta = metas[1]
  local field = bucketField(t, meta, record)
  local bucket = redis.call('HGET', KEYS[1], field) or ''
  if keyCap and #matchesIn(bucket, string.sub(record, 1, keySize), recordSize) >= keyCap then return end
  redis.call('HSET', KEYS[1], field, bucket .. record)
  local n = meta[t .. 'n'] + 1
  meta[t .. 'n'] = n
  local level, split = meta[t .. 'L'], meta[t .. 'p']
  if n > load * (2 ^ level + split) then
    -- Linear hashing: split the bucket at the split pointer into itself and its image.
    local old = redis.call('HGET', KEYS[1], t .. split) or ''
    local stay, move = {}, {}
    local wider = 2 ^ (level + 1)
    for i = 1, #old, recordSize do
      local r = string.sub(old, i, i + recordSize - 1)
      if struct.unpack('>I4', r) % wider == split then stay[#stay + 1] = r else move[#move + 1] = r end
    end
    if #stay > 0 then redis.call('HSET', KEYS[1], t .. split, table.concat(stay)) else redis.call('HDEL', KEYS[1], t .. split) end
    if #move > 0 then redis.call('HSET', KEYS[1], t .. (split + 2 ^ level), table.concat(move)) end
    split = split + 1
    if split == 2 ^ level then
      level = level + 1
      split = 0
    end
    meta[t .. 'L'], meta[t .. 'p'] = level, split
  end
  changed[t] = true
end

-- Writes the level, split pointer and count of every table insert() changed, in one command.
local function saveMeta()
  local fields = {}
  for t in pairs(changed) do
    for _, f in ipairs({ 'L', 'p', 'n' }) do
      fields[#fields + 1] = t .. f
      fields[#fields + 1] = metas[1][t .. f]
    end
  end
  if #fields > 0 then redis.call('HSET', KEYS[1], unpack(fields)) end
end

local REASONS = { u = 'same-url', t = 'same-text', n = 'near-duplicate' }

local function duplicate(reason, originalId, similarity)
  insert('u', urlHash .. originalId .. reason .. struct.pack('>I2', similarity), COPY_SIZE)
  saveMeta()
  redis.call('EXPIREAT', KEYS[1], expireAt)
  redis.call('HINCRBY', stats, REASONS[reason], 1)
  return { 'd', originalId, reason, similarity }
end

-- 1. A page url seen before gets the decision it got then (jobs are delivered at least once).
for g = 1, GENERATIONS do
  local copies = find(g, 'u', urlHash, COPY_SIZE)
  if #copies > 0 then
    local r = copies[1]
    redis.call('HINCRBY', stats, 'repeat', 1)
    return { 'd', string.sub(r, 9, 24), string.sub(r, 25, 25), (struct.unpack('>I2', string.sub(r, 26, 27))) }
  end
end

-- 2. The same document id: the same page again (original stays original) or another url of it.
for g = 1, GENERATIONS do
  for _, r in ipairs(find(g, 'd', docRef, docSize)) do
    if string.sub(r, 1, 16) == docId then
      if string.sub(r, 17, 24) == urlHash then
        redis.call('HINCRBY', stats, 'repeat', 1)
        return { 'o', docId, '', 0 }
      end
      return duplicate('u', docId, 10000)
    end
  end
end

-- 3. The same or nearly the same text under another document id.
if #keys > 0 then
  local perByte = 8 / bits
  local mask = 2 ^ bits - 1
  local zeroGroups, mine
  local chance = 1 / 2 ^ bits
  local function similarity(other)
    if not zeroGroups then
      -- How many of a byte's b-bit groups are zero: equal sketch values after XOR.
      zeroGroups = {}
      for x = 0, 255 do
        local c = 0
        for i = 0, perByte - 1 do
          if bit.band(bit.rshift(x, i * bits), mask) == 0 then c = c + 1 end
        end
        zeroGroups[x] = c
      end
      mine = { string.byte(sketch, 1, -1) }
    end
    local equal = 0
    for i = 1, #mine do equal = equal + zeroGroups[bit.bxor(mine[i], string.byte(other, i))] end
    local s = (equal / (#mine * perByte) - chance) / (1 - chance)
    if s < 0 then return 0 end
    if s > 1 then return 1 end
    return s
  end

  local bestId, bestSimilarity = nil, -1
  local looked = {}
  for g = 1, GENERATIONS do
    for i = 1, #keys, 4 do
      for _, entry in ipairs(find(g, 'c', string.sub(keys, i, i + 3), INDEX_SIZE)) do
        local ref = string.sub(entry, 5, 12)
        if not looked[ref] then
          looked[ref] = true
          for _, r in ipairs(find(g, 'd', ref, docSize)) do
            if string.sub(r, 25, 32) == textHash then return duplicate('t', string.sub(r, 1, 16), 10000) end
            local s = similarity(string.sub(r, 33))
            if s > bestSimilarity then bestId, bestSimilarity = string.sub(r, 1, 16), s end
          end
        end
      end
    end
  end
  if bestId and bestSimilarity >= threshold then
    return duplicate('n', bestId, math.floor(bestSimilarity * 10000 + 0.5))
  end
end

-- 4. An original: index it in the newest generation.
insert('d', docId .. urlHash .. textHash .. sketch, docSize)
for i = 1, #keys, 4 do insert('c', string.sub(keys, i, i + 3) .. docRef, INDEX_SIZE, 4, cap) end
saveMeta()
redis.call('EXPIREAT', KEYS[1], expireAt)
redis.call('HINCRBY', stats, 'original', 1)
return { 'o', docId, '', 0 }
