package index

import "sync"

// tokenCache remembers the vocabulary matches of query tokens: names in a
// customer file repeat (Mohammed, Maria, Kim), and a token's matches
// depend only on the token and the immutable index. It is bounded: when a
// shard is full it is emptied, which costs a few recomputations and keeps
// memory flat.
type tokenCache struct {
	shards [64]cacheShard
	max    int // entries per shard
}

type cacheShard struct {
	mu sync.RWMutex
	m  map[vocabKey][]simEntry
}

func newTokenCache(entries int) *tokenCache {
	c := &tokenCache{max: max(entries/64, 16)}
	for i := range c.shards {
		c.shards[i].m = make(map[vocabKey][]simEntry)
	}
	return c
}

func (c *tokenCache) shard(k vocabKey) *cacheShard {
	h := uint32(2166136261)
	for i := 0; i < len(k.text); i++ {
		h = (h ^ uint32(k.text[i])) * 16777619
	}
	h = (h ^ uint32(k.kind)) * 16777619
	return &c.shards[h%64]
}

func (c *tokenCache) get(k vocabKey) ([]simEntry, bool) {
	s := c.shard(k)
	s.mu.RLock()
	v, ok := s.m[k]
	s.mu.RUnlock()
	return v, ok
}

func (c *tokenCache) put(k vocabKey, v []simEntry) {
	s := c.shard(k)
	s.mu.Lock()
	if len(s.m) >= c.max {
		clear(s.m)
	}
	s.m[k] = v
	s.mu.Unlock()
}
