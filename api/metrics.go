package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the server's Prometheus metrics, in a registry of its own.
type metrics struct {
	reg       *prometheus.Registry
	requests  *prometheus.CounterVec
	latency   *prometheus.HistogramVec
	inFlight  prometheus.Gauge
	screens   *prometheus.CounterVec
	matches   *prometheus.CounterVec
	reloads   *prometheus.CounterVec
	auditRecs prometheus.Counter
	auditErrs prometheus.Counter
	auditTime prometheus.Histogram
}

func newMetrics(s *Server) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "embargo_http_requests_total",
			Help: "HTTP requests answered, by route and status code.",
		}, []string{"route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "embargo_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route and status code.",
			Buckets: []float64{.0005, .001, .002, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route", "code"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "embargo_http_requests_in_flight",
			Help: "HTTP requests being answered.",
		}),
		screens: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "embargo_screenings_total",
			Help: "Names, records and texts screened, by kind (screen, batch, match, text).",
		}, []string{"kind"}),
		matches: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "embargo_screening_matches_total",
			Help: "Results at or above the threshold, by kind of screening.",
		}, []string{"kind"}),
		reloads: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "embargo_reloads_total",
			Help: "Reloads of the lists, by result (changed, unchanged, error).",
		}, []string{"result"}),
		auditRecs: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "embargo_audit_records_total",
			Help: "Screenings recorded in the audit log.",
		}),
		auditErrs: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "embargo_audit_errors_total",
			Help: "Audit log writes that failed (their requests were answered with an error).",
		}),
		auditTime: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "embargo_audit_commit_seconds",
			Help:    "Time to write one group of audit records durably.",
			Buckets: []float64{.0005, .001, .002, .005, .01, .025, .05, .1, .25, .5, 1},
		}),
	}
	m.reg.MustRegister(m.requests, m.latency, m.inFlight, m.screens, m.matches, m.reloads,
		m.auditRecs, m.auditErrs, m.auditTime, &dataCollector{s: s},
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// observe counts and times one response.
func (m *metrics) observe(route string, code int, d time.Duration) {
	c := strconv.Itoa(code)
	m.requests.WithLabelValues(route, c).Inc()
	m.latency.WithLabelValues(route, c).Observe(d.Seconds())
}

// screened counts n screenings of a kind, of which matched had a match.
func (m *metrics) screened(kind string, n, matched int) {
	m.screens.WithLabelValues(kind).Add(float64(n))
	if matched > 0 {
		m.matches.WithLabelValues(kind).Add(float64(matched))
	}
}

// dataCollector reports the data being served, read at each scrape.
type dataCollector struct{ s *Server }

var (
	descReady    = prometheus.NewDesc("embargo_ready", "1 when lists are loaded and indexed, 0 before.", nil, nil)
	descEntities = prometheus.NewDesc("embargo_index_entities", "Entities indexed, by source.", []string{"source"}, nil)
	descNames    = prometheus.NewDesc("embargo_index_names", "Names indexed, by source.", []string{"source"}, nil)
	descAge      = prometheus.NewDesc("embargo_data_age_seconds",
		"Age of each source's data: since the publisher's date, else since the snapshot was fetched, else since the file was modified.",
		[]string{"source"}, nil)
	descLoaded = prometheus.NewDesc("embargo_data_loaded_timestamp_seconds", "When the data being served was loaded and indexed (Unix time).", nil, nil)
	descAllow  = prometheus.NewDesc("embargo_allowlist_decisions", "Analysts' decisions in the allowlist being served.", nil, nil)
)

// Describe implements prometheus.Collector.
func (c *dataCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descReady, descEntities, descNames, descAge, descLoaded, descAllow} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c *dataCollector) Collect(ch chan<- prometheus.Metric) {
	st := c.s.state.Load()
	if st == nil {
		ch <- prometheus.MustNewConstMetric(descReady, prometheus.GaugeValue, 0)
		return
	}
	ch <- prometheus.MustNewConstMetric(descReady, prometheus.GaugeValue, 1)
	now := time.Now()
	for src, n := range st.entities {
		ch <- prometheus.MustNewConstMetric(descEntities, prometheus.GaugeValue, float64(n), src)
		ch <- prometheus.MustNewConstMetric(descNames, prometheus.GaugeValue, float64(st.names[src]), src)
		if t, ok := st.asOf[src]; ok {
			ch <- prometheus.MustNewConstMetric(descAge, prometheus.GaugeValue, now.Sub(t).Seconds(), src)
		}
	}
	ch <- prometheus.MustNewConstMetric(descLoaded, prometheus.GaugeValue, float64(st.loaded.UnixNano())/1e9)
	if st.al != nil {
		ch <- prometheus.MustNewConstMetric(descAllow, prometheus.GaugeValue, float64(st.al.Len()))
	}
}
