--[[
  Linear hash tables (Litwin 1980) stored in one Redis hash: table t keeps fixed-size binary
  records packed into the fields t<bucket>, with its level in tL, split pointer in tp and record
  count in tn. A record's first 4 bytes (big-endian) address its bucket.
]]
local META = { 'uL', 'up', 'un', 'dL', 'dp', 'dn', 'cL', 'cp', 'cn' }

-- Level, split pointer and count of every table in a generation hash (0 when absent).
local function readMeta(hashKey)
  local values = redis.call('HMGET', hashKey, unpack(META))
  local meta = {}
  for i = 1, #META do meta[META[i]] = tonumber(values[i]) or 0 end
  return meta
end

local function bucketField(t, meta, record)
  local a = struct.unpack('>I4', record)
  local size = 2 ^ meta[t .. 'L']
  local b = a % size
  if b < meta[t .. 'p'] then b = a % (size * 2) end
  return t .. b
end

-- Start positions of the records of a bucket whose first #key bytes equal key.
local function matchesIn(bucket, key, recordSize)
  local out = {}
  local from = 1
  while true do
    local s = string.find(bucket, key, from, true)
    if not s then break end
    if (s - 1) % recordSize == 0 then
      out[#out + 1] = s
      from = s + recordSize
    else
      from = s + 1
    end
  end
  return out
end

-- Records of table t whose first #key bytes equal key.
local function findRecords(hashKey, meta, t, key, recordSize)
  local out = {}
  if meta[t .. 'n'] == 0 then return out end
  local bucket = redis.call('HGET', hashKey, bucketField(t, meta, key))
  if not bucket then return out end
  for _, s in ipairs(matchesIn(bucket, key, recordSize)) do out[#out + 1] = string.sub(bucket, s, s + recordSize - 1) end
  return out
end
