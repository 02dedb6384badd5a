package tui

// The Chinese of the charts' legends and the Products figures.
func init() {
	addWords(zhWords, map[string]string{
		"$B/yr run-rate":                "$B/年 年化",
		"Dec run-rate {0}/yr":           "12月年化 {0}/年",
		"capacity could serve":          "产能可满足",
		"cash":                          "现金",
		"deliveries GW/yr":              "交付 GW/年",
		"unmet":                         "未满足",
		"{0} revenue {1} of {2} demand": "{0}年收入 {1}，需求 {2}",
		"revenue run-rate":              "年化收入",
	})
}
