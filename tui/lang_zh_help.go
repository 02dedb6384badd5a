package tui

// The Chinese of the help pages and the glossary: new keys, the footer, and what each loop,
// binding label and figure means.
func init() {
	addWords(zhWords, map[string]string{
		// Keys
		"redraw the screen":                      "重绘屏幕",
		"colour depth (cycles)":                  "切换色深",
		"colours: {0} (C changes them)":          "颜色：{0}（按 C 切换）",
		"true colour":                            "真彩",
		"256 colours":                            "256 色",
		"16 colours":                             "16 色",
		"no colour":                              "无颜色",
		"quit (asks first if moves are unsaved)": "退出（有未保存的调整时先确认）",
		"quit at once":                           "立即退出",
		"In help":                                "帮助页内",
		"next page":                              "下一页",
		"previous page":                          "上一页",
		"first page":                             "第一页",
		"last page":                              "最后一页",
		"glossary / keys":                        "术语表 / 按键",

		// Pages
		"flywheel — glossary": "flywheel — 术语表",
		"page {0}/{1}":        "第 {0}/{1} 页",
		"←/→ or pgup/pgdn":    "←/→ 或 pgup/pgdn",
		"glossary":            "术语表",
		"keys":                "按键",
		"{0} (continued)":     "{0}（续）",

		// Compare
		"Compare": "对比",
		"{0}: pin the current levers as baseline A; {0} again: clear it":         "按 {0} 将当前杠杆固定为基准 A，再按一次 {0} 即清除",
		"B is the levers as you move them: figures show B − A, charts draw both": "B 为正在调整的当前杠杆：数字显示 B−A，图表同时画出 A 和 B",

		// Loops
		"Loops":           "回路",
		"flywheel":        "飞轮",
		"energy wall":     "能源墙",
		"supply wall":     "供应墙",
		"capital wall":    "资本墙",
		"price deflation": "价格通缩",
		"revenue → cash → new compute contracts → capacity → served demand → more revenue (reinforcing)":                            "收入 → 现金 → 新算力合同 → 产能 → 得到满足的需求 → 更多收入（增强回路）",
		"training compute raises model capability, which speeds up demand growth, then revenue and compute (reinforcing)":           "训练算力提升模型能力，能力加快需求增长，进而带动收入和算力增长（增强回路）",
		"installed GPUs need power, which takes years to build; GPUs without power earn nothing but are still paid for (balancing)": "已安装的 GPU 需要供电，而电力建设需要数年；未通电的 GPU 不产生收入，租金却照付（调节回路）",
		"contracted GPUs arrive no faster than chip makers and their suppliers can deliver (balancing)":                             "已签约 GPU 的到货速度受制于芯片厂商及其供应链的交付能力（调节回路）",
		"take-or-pay compute bills drain cash; equity and debt are limited and cost money (balancing)":                              "照付不议的算力账单不断消耗现金；股权和债务融资都有上限，也都有成本（调节回路）",
		"the price of a unit of intelligence falls every year, so revenue per GW falls unless usage grows faster (balancing)":       "单位智能的价格逐年下降，除非用量增长更快，否则每 GW 的收入随之下降（调节回路）",

		// Binding labels
		"What binds": "瓶颈判定",
		"each month gets one label, the first that applies in this order; short of compute means demand exceeds what the powered fleet can earn":                            "每月只标注一个瓶颈：按下列顺序取第一个成立的。“算力不足”指需求超过已通电算力所能实现的收入",
		"the company is in arrears or restructuring (this outranks the rest); or it is short of compute, not for power or supply, and cannot afford the contracts it wants": "公司处于欠款或重组状态（此项优先于其他所有标签）；或算力不足，且原因不在电力或供应，而在于付不起想签的新合同",
		"the fleet could earn at least what customers want to pay: some capacity is idle (utilisation under 100%)":                                                          "现有算力可实现的收入不低于客户愿意支付的金额：部分产能闲置（利用率低于 100%）",
		"short of compute, and GPUs waiting for power exceed 2% of those installed":                                                                                         "算力不足，且等待供电的 GPU 超过已安装量的 2%",
		"short of compute, and GPUs due but not yet delivered exceed 2% of those installed":                                                                                 "算力不足，且已到期但未交付的 GPU 超过已安装量的 2%",
		"short of compute for none of those reasons: the contracts signed are too few or not yet due":                                                                       "算力不足，但不属于上述任何原因：已签合同太少或尚未到期",

		// Figures
		"Figures":        "指标",
		"revenue 2030":   "2030年收入",
		"peak cash need": "峰值现金需求",
		"cash raised":    "现金融资",
		"arrears":        "欠款",
		"restructuring":  "重组",
		"winding down":   "清盘",
		"pipeline":       "在建电力",
		"run-rate":       "年化收入",
		"revenue in calendar 2030: the lesser of demand and what the powered inference fleet can earn":                                  "2030 年全年收入：需求与已通电推理算力可实现收入两者中的较小者",
		"the first year of positive free cash flow (revenue less cash costs)":                                                           "自由现金流（收入减去现金成本）首次为正的年份",
		"the deepest point of cumulative free cash flow: the most outside money needed; in-kind vendor financing counts as paid":        "累计自由现金流的最低点，即最多需要多少外部资金；供应商以实物提供的融资视为已支付",
		"equity and debt raised to date; in-kind vendor financing is shown apart":                                                       "迄今筹得的股权和债务资金；供应商的实物融资单独列示",
		"compute bills that suppliers take in equity instead of cash, such as a chip maker investing per GW deployed":                   "供应商以股权代替现金收取的算力账单，例如芯片厂商按每部署 1 GW 进行投资",
		"bills the company could not pay, carried as negative cash and charged interest at the debt rate":                               "公司无力支付的账单，记为负现金，并按债务利率计息",
		"when arrears last too long, creditors turn them into debt and cancel part of the undelivered backlog and its power, for a fee": "欠款持续过久时，债权人将其转为债务，并取消部分未交付的订单及配套电力，公司需支付解约费",
		"cash flow stays negative with no financing left: the GPUs retire and are not replaced":                                         "现金流持续为负且已无融资来源：GPU 到期退役，不再更换",
		"GW of accelerators delivered and in service; each retires after its useful life":                                               "已交付并在役的加速器容量（GW）；到使用年限后退役",
		"installed GPUs with power (the lesser of installed and power online): the compute that works":                                  "已通电的已安装 GPU（已安装量与已通电容量中的较小者），即真正能用的算力",
		"installed GPUs waiting for power: paid for, earning nothing":                                                                   "等待供电的已安装 GPU：租金照付，却没有收入",
		"GW contracted but not yet delivered":                                                                                           "已签约但尚未交付的容量（GW）",
		"revenue ÷ what the inference fleet could earn; under 100% means idle capacity":                                                 "收入 ÷ 推理算力可实现的收入；低于 100% 即有产能闲置",
		"cumulative revenue ÷ cumulative compute rent: above 1, revenue so far exceeds the compute bills so far":                        "累计收入 ÷ 累计算力租金：大于 1 表示迄今的收入已超过迄今的算力账单",
		"model capability index, 1.0 at the start; rises with cumulative training compute (loop R2)":                                    "模型能力指数，起点为 1.0；随累计训练算力上升（回路 R2）",
		"GW of IT load that can be powered now; the grid supplies that × PUE":                                                           "当前能够供电的 IT 负载（GW）；电网实际供电为其 × PUE",
		"GW of power under construction, online after the power lead time":                                                              "正在建设的电力容量（GW），经过电力建设期后通电",
		"a month's revenue × 12: the yearly revenue if that month lasted a year":                                                        "单月收入 × 12：若全年都保持该月水平时的年收入",
	})
}
