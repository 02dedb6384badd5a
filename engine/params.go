package engine

import (
	"fmt"
	"math"
	"strconv"
)

// Param describes one number a scenario sets: a lever (a slider) or a setting (a calibrated
// start value). The UI, the scenario loader, the validation and the docs all read this one table,
// so a range or unit can never disagree between them.
type Param struct {
	Key      string  // scenario-file key, e.g. "gpu_supply"
	Name     string  // label in the user's words, e.g. "GPU supply"
	Unit     string  // unit as shown after the value, e.g. "GW/yr"
	Default  float64 // the calibrated base-case value (data/base.yaml carries its source)
	Min, Max float64 // inclusive range; values outside are rejected, never clamped
	Step     float64 // one slider nudge
	Meaning  string  // one line: what moving it means
	Headline bool    // one of the three always-visible sliders
	// Low and High are the plausible band: narrower than the range, what "uncertain between"
	// means for sensitivity and Monte Carlo. Band gives its source or reason. Levers only.
	Low, High float64
	Band      string
}

// Lever identifies a slider. The order is the order of the levers panel.
type Lever int

// The levers of MODEL.md. Percentages are stored as the user sees them (130 means 130 %/yr).
const (
	Investment Lever = iota
	GPUSupply
	RevenueGrowth
	SupplyGrowth
	EnergyBuild
	EnergyGrowth
	PowerLeadTime
	GPULeadTime
	CostPerGW
	CostDecline
	UsefulLife
	RentMargin
	ElectricityPrice
	PUE
	TrainingShare
	PriceDecline
	EfficiencyGain
	LongRunGrowth
	GrowthHalfLife
	CapabilityElasticity
	UnmetDemandPenalty
	ReinvestShare
	VendorFinancing
	EquityCapacity
	DebtRate
	CashBuffer
	RevenueShareToPartner
	OpexFixed
	OpexVariable
	NumLevers
)

// Levers is the lever table, indexed by Lever.
var Levers = [NumLevers]Param{
	Investment:            {Key: "investment", Name: "Investment", Unit: "$T", Default: 1.4, Min: 0, Max: 4, Step: 0.05, Headline: true, Meaning: "compute commitments signed for 2025–2033 (capex-equivalent value)", Low: 0.7, High: 1.6, Band: "low: the definitive contracts alone (~$0.7T: Oracle, Microsoft, AMD, AWS, CoreWeave); high: $1.4T plus Cerebras' >$10B and the options in the AWS and Oracle deals"},
	GPUSupply:             {Key: "gpu_supply", Name: "GPU supply", Unit: "GW/yr", Default: 4, Min: 0.5, Max: 10, Step: 0.25, Headline: true, Meaning: "accelerator capacity the supply chain can deliver to the company in 2026, growing at supply growth", Low: 2.5, High: 6, Band: "2025 delivered ~1.4 GW; Nvidia's, AMD's and Broadcom's first GW all land in H2 2026; TSMC CoWoS grows ~25–30%/yr"},
	RevenueGrowth:         {Key: "revenue_growth", Name: "Run-rate growth", Unit: "%/yr", Default: 130, Min: 0, Max: 300, Step: 5, Headline: true, Meaning: "growth of the demand run-rate through 2026 (Dec 2025 → Dec 2026), then fading toward the long-run rate", Low: 60, High: 200, Band: "ARR grew ×3.3 in 2025 ($6B → $20B+); the company's own plan implies ~+60–130% on a larger base"},
	SupplyGrowth:          {Key: "supply_growth", Name: "Supply growth", Unit: "%/yr", Default: 30, Min: 0, Max: 100, Step: 5, Meaning: "yearly growth of the GPU supply cap after 2026 (fabs, CoWoS, HBM)", Low: 15, High: 45, Band: "JPMorgan's CoWoS path 75k → 95k → 112k wafers/month (end-2025 to end-2027): +27% then +18%; HBM sold out through 2026–28"},
	EnergyBuild:           {Key: "energy_build", Name: "Energy build", Unit: "GW/yr", Default: 4, Min: 0, Max: 20, Step: 0.25, Meaning: "most new power (IT GW a year) the grid and builders can start for the company in 2026; power is started for the GPUs due within the lead time", Low: 2, High: 8, Band: "Stargate plans ~7 GW over about three years (~2.3 GW/yr) plus partners' own builds; 8 is twice the base case"},
	EnergyGrowth:          {Key: "energy_growth", Name: "Energy growth", Unit: "%/yr", Default: 25, Min: 0, Max: 100, Step: 5, Meaning: "yearly growth of the most power that can be started, after 2026", Low: 10, High: 40, Band: "US data-centre power ~40 → 106 GW by 2035 (BloombergNEF, ~10%/yr); IEA ~15%/yr to 2030"},
	PowerLeadTime:         {Key: "power_lead_time", Name: "Power lead time", Unit: "months", Default: 24, Min: 6, Max: 84, Step: 3, Meaning: "from starting a power project to IT load online", Low: 18, High: 48, Band: "Abilene's phases took 12–18 months on a site with power; new generation and grid connections ≥ 4 years (Bain)"},
	GPULeadTime:           {Key: "gpu_lead_time", Name: "GPU lead time", Unit: "months", Default: 12, Min: 1, Max: 36, Step: 1, Meaning: "from signing a new compute contract to its GPUs falling due", Low: 6, High: 18, Band: "Blackwell booked out 12 months (Morgan Stanley, Oct 2024); shorter once CoWoS and HBM catch up"},
	CostPerGW:             {Key: "cost_per_gw", Name: "Cost per GW", Unit: "$B", Default: 50, Min: 20, Max: 100, Step: 1, Meaning: "all-in capital cost of one GW of AI data centre in 2025", Low: 40, High: 60, Band: "Altman: >$40B per GW; Huang: $50–60B"},
	CostDecline:           {Key: "cost_decline", Name: "Cost decline", Unit: "%/yr", Default: 3, Min: 0, Max: 30, Step: 1, Meaning: "yearly fall of the cost per GW", Low: 0, High: 10, Band: "Altman: the cost per GW could roughly halve over time; $1.4T ≈ 30 GW implies ~3%/yr"},
	UsefulLife:            {Key: "useful_life", Name: "Useful life", Unit: "years", Default: 5, Min: 2, Max: 10, Step: 0.5, Meaning: "years an accelerator stays in service and is paid for", Low: 4, High: 6, Band: "CoreWeave's and Oracle's contracts run ~5 years; hyperscalers depreciate servers over 5–6 years"},
	RentMargin:            {Key: "rent_margin", Name: "Rent margin", Unit: "%", Default: 15, Min: 0, Max: 50, Step: 1, Meaning: "return the landlords of chips and powered shells earn on their capital, per year", Low: 8, High: 25, Band: "Oracle's ~$300B for 4.5 GW over 5 years is ~$13B per GW-year (15%); neoclouds price higher"},
	ElectricityPrice:      {Key: "electricity_price", Name: "Electricity price", Unit: "$/MWh", Default: 80, Min: 20, Max: 300, Step: 5, Meaning: "price paid for power at the data centres", Low: 50, High: 120, Band: "data-centre energy charges $28–70/MWh plus demand charges; EIA industrial ~$81/MWh; hub prices up to +267% in 5 years"},
	PUE:                   {Key: "pue", Name: "PUE", Unit: "×", Default: 1.25, Min: 1, Max: 2, Step: 0.05, Meaning: "grid power drawn per unit of IT power (cooling, losses)", Low: 1.1, High: 1.4, Band: "hyperscale 1.1–1.2, new large facilities ~1.3 (Uptime)"},
	TrainingShare:         {Key: "training_share", Name: "Training share", Unit: "%", Default: 40, Min: 0, Max: 90, Step: 5, Meaning: "share of powered compute used to train models rather than serve users", Low: 30, High: 50, Band: "2025: >$9B of training compute against ~$12B of inference (~40%)"},
	PriceDecline:          {Key: "price_decline", Name: "Price decline", Unit: "%/yr", Default: 25, Min: 0, Max: 90, Step: 5, Meaning: "yearly fall of the price of a unit of intelligence", Low: 15, High: 40, Band: "frontier prices fall far slower than equal-capability prices (×10–×40 a year); the mix sold moves to the frontier"},
	EfficiencyGain:        {Key: "efficiency_gain", Name: "Efficiency gain", Unit: "%/yr", Default: 45, Min: 0, Max: 100, Step: 5, Meaning: "yearly rise of units served per GW (chips, models, serving)", Low: 30, High: 70, Band: "2025: ARR ×3.3 on ×3.2 compute, revenue per GW roughly flat to rising"},
	LongRunGrowth:         {Key: "long_run_growth", Name: "Long-run growth", Unit: "%/yr", Default: 20, Min: 0, Max: 100, Step: 1, Meaning: "demand growth the 2026 rate fades toward", Low: 10, High: 30, Band: "no public figure: a maturing software market (~10%) to a still-expanding one (~30%)"},
	GrowthHalfLife:        {Key: "growth_half_life", Name: "Growth half-life", Unit: "years", Default: 2, Min: 0.25, Max: 10, Step: 0.25, Meaning: "years for the excess of demand growth over the long-run rate to halve", Low: 1.5, High: 4, Band: "no public figure: the company's own plan needs ~4 years; faster fading is the demand-stall story"},
	CapabilityElasticity:  {Key: "capability_elasticity", Name: "Capability elasticity", Unit: "×", Default: 0.3, Min: 0, Max: 2, Step: 0.05, Meaning: "demand growth added per unit of capability growth (loop R2)", Low: 0.1, High: 0.6, Band: "no public figure: loop R2 weak to strong"},
	UnmetDemandPenalty:    {Key: "unmet_demand_penalty", Name: "Unmet-demand penalty", Unit: "×", Default: 0.5, Min: 0, Max: 2, Step: 0.05, Meaning: "demand growth lost per unit share of demand left unserved", Low: 0.2, High: 1, Band: "no public figure: Friar says OpenAI 'could have grown even faster' with more compute"},
	ReinvestShare:         {Key: "reinvest_share", Name: "Reinvest share", Unit: "%", Default: 30, Min: 0, Max: 100, Step: 5, Meaning: "most of revenue (a year) put into new compute contracts when demand outruns capacity (loop R1); replacements are not capped", Low: 15, High: 45, Band: "no public figure: the commitments are to be covered by future revenue (Altman)"},
	VendorFinancing:       {Key: "vendor_financing", Name: "Vendor financing", Unit: "%", Default: 10, Min: 0, Max: 80, Step: 1, Meaning: "share of the chip rent of GPUs delivered from H2 2026 that suppliers take in equity instead of cash", Low: 2, High: 15, Band: "low: AMD's warrant alone (~$34B); ~10: Nvidia's up to $100B plus AMD's, about 10% of $1.4T; high: more suppliers invest in kind"},
	EquityCapacity:        {Key: "equity_capacity", Name: "Equity capacity", Unit: "$B/yr", Default: 40, Min: 0, Max: 300, Step: 5, Meaning: "most equity investors will put in over any 12 months", Low: 20, High: 60, Band: "2025: the SoftBank-led $40B round; a cooling market halves it, a hot one adds half again"},
	DebtRate:              {Key: "debt_rate", Name: "Debt rate", Unit: "%/yr", Default: 9, Min: 0, Max: 30, Step: 0.5, Meaning: "interest on borrowed money", Low: 6, High: 12, Band: "the revolving facility is SOFR+100bp (~5–6%); large, riskier borrowing costs more"},
	CashBuffer:            {Key: "cash_buffer", Name: "Cash buffer", Unit: "$B", Default: 10, Min: 0, Max: 200, Step: 1, Meaning: "cash kept on hand: below it the company raises money, above twice it signs new compute", Low: 5, High: 20, Band: "liquidity '>$10B' with the credit line (Oct 2024); $17.5B of cash at end-June 2025"},
	RevenueShareToPartner: {Key: "revenue_share_to_partner", Name: "Partner revenue share", Unit: "%", Default: 20, Min: 0, Max: 50, Step: 1, Meaning: "share of revenue paid to the partner in 2025, falling to the 2030 setting", Low: 15, High: 20, Band: "20% to Microsoft now, projected to fall to 8% by 2030"},
	OpexFixed:             {Key: "opex_fixed", Name: "Fixed opex", Unit: "$B/yr", Default: 6, Min: 0, Max: 100, Step: 1, Meaning: "cash operating costs that do not scale with revenue (people, offices)", Low: 4, High: 10, Band: "H1 2025: $2.0B of sales and marketing and $6.7B of R&D, much of it stock and compute"},
	OpexVariable:          {Key: "opex_variable", Name: "Variable opex", Unit: "%", Default: 15, Min: 0, Max: 60, Step: 1, Meaning: "operating costs that scale with revenue (sales, support, payments)", Low: 10, High: 20, Band: "no public figure: sales, support and payment costs of a software company"},
}

// Setting identifies a calibrated start value or structural assumption of a scenario. Settings are
// not sliders: they fix where 2025 starts and how the commitments are scheduled.
type Setting int

// The settings, in the order of the scenario file.
const (
	InstalledStart Setting = iota
	PowerOnlineStart
	PipelineStart
	PipelineMonths
	PowerBuild2025
	PowerMargin
	ShellShare
	ShellLife
	Supply2025
	DemandStart
	DemandGrowth2025
	RevenuePerGWStart
	DemandCeiling
	CashStart
	DebtCap
	LegacyRentDiscount
	ArrearsMonths
	TerminationFee
	TrainingHistory
	CapabilityScale
	RevenueShare2030
	BacklogStart
	CommitFrom
	CommitPeak
	CommitTo
	NumSettings
)

// Settings is the settings table, indexed by Setting.
var Settings = [NumSettings]Param{
	InstalledStart:     {Key: "installed_start", Name: "Installed at start", Unit: "GW", Default: 0.6, Min: 0, Max: 100, Step: 0.1, Meaning: "accelerators in service at the start month"},
	PowerOnlineStart:   {Key: "power_online_start", Name: "Power online at start", Unit: "GW", Default: 0.7, Min: 0, Max: 200, Step: 0.1, Meaning: "IT load that can be powered at the start month"},
	PipelineStart:      {Key: "pipeline_start", Name: "Power pipeline at start", Unit: "GW", Default: 4, Min: 0, Max: 100, Step: 0.1, Meaning: "IT GW of power under construction at the start of 2025"},
	PipelineMonths:     {Key: "pipeline_months", Name: "Pipeline completion", Unit: "months", Default: 24, Min: 1, Max: 120, Step: 1, Meaning: "months over which the pipeline at start comes online, evenly"},
	PowerBuild2025:     {Key: "power_build_2025", Name: "Power build before 2026", Unit: "GW/yr", Default: 2.5, Min: 0, Max: 50, Step: 0.1, Meaning: "most new power that can be started per year before 2026"},
	PowerMargin:        {Key: "power_margin", Name: "Power margin", Unit: "%", Default: 10, Min: 0, Max: 50, Step: 1, Meaning: "power started beyond the GPUs installed and due within the power lead time"},
	ShellShare:         {Key: "shell_share", Name: "Shell share", Unit: "%", Default: 30, Min: 0, Max: 90, Step: 1, Meaning: "share of the cost per GW that is the powered shell (building, power, cooling), rented with power online"},
	ShellLife:          {Key: "shell_life", Name: "Shell life", Unit: "years", Default: 15, Min: 5, Max: 40, Step: 1, Meaning: "years over which a powered shell's capital is recovered by its rent"},
	Supply2025:         {Key: "supply_2025", Name: "GPU supply 2025", Unit: "GW/yr", Default: 1.4, Min: 0, Max: 20, Step: 0.1, Meaning: "accelerators the supply chain could deliver per year before 2026 (observed build-out)"},
	DemandStart:        {Key: "demand_start", Name: "Demand at start", Unit: "$B/yr", Default: 8, Min: 0, Max: 5000, Step: 0.5, Meaning: "revenue run-rate customers would pay with unlimited capacity, at the start month"},
	DemandGrowth2025:   {Key: "demand_growth_2025", Name: "Demand growth 2025", Unit: "%/yr", Default: 200, Min: 0, Max: 1000, Step: 5, Meaning: "growth of demand before 2026 (observed)"},
	RevenuePerGWStart:  {Key: "revenue_per_gw_start", Name: "Revenue per GW at start", Unit: "$B/GW-yr", Default: 16, Min: 0.1, Max: 500, Step: 0.5, Meaning: "revenue one GW-year of inference compute earns at full use, at the start month"},
	DemandCeiling:      {Key: "demand_ceiling", Name: "Demand ceiling", Unit: "$T/yr", Default: 5.6, Min: 0.1, Max: 100, Step: 0.1, Meaning: "revenue demand saturates toward this: no market spends more on one lab's AI"},
	CashStart:          {Key: "cash_start", Name: "Cash at start", Unit: "$B", Default: 10, Min: 0, Max: 5000, Step: 1, Meaning: "cash and securities at the start month"},
	DebtCap:            {Key: "debt_cap", Name: "Debt cap", Unit: "$B", Default: 100, Min: 0, Max: 10000, Step: 5, Meaning: "most the company can borrow; beyond it unpaid bills become arrears"},
	LegacyRentDiscount: {Key: "legacy_rent_discount", Name: "Legacy rent discount", Unit: "%", Default: 45, Min: 0, Max: 100, Step: 5, Meaning: "discount on the rent of chips and shells in service before 2026 (partner terms)"},
	ArrearsMonths:      {Key: "arrears_months", Name: "Arrears before restructuring", Unit: "months", Default: 12, Min: 1, Max: 60, Step: 1, Meaning: "months of arrears (at full distress) after which creditors restructure"},
	TerminationFee:     {Key: "termination_fee", Name: "Termination fee", Unit: "months", Default: 6, Min: 0, Max: 60, Step: 1, Meaning: "fee for cancelled contracts, in months of their chip rent"},
	TrainingHistory:    {Key: "training_history", Name: "Training history", Unit: "GW-yr", Default: 0.5, Min: 0.01, Max: 100, Step: 0.05, Meaning: "cumulative training compute before the start month"},
	CapabilityScale:    {Key: "capability_scale", Name: "Capability scale", Unit: "×", Default: 0.5, Min: 0, Max: 5, Step: 0.05, Meaning: "capability index gained per e-fold of cumulative training compute"},
	RevenueShare2030:   {Key: "revenue_share_2030", Name: "Partner share 2030", Unit: "%", Default: 8, Min: 0, Max: 50, Step: 1, Meaning: "partner revenue share reached linearly by 2030 (never above the 2025 share)"},
	BacklogStart:       {Key: "backlog_start", Name: "Backlog at start", Unit: "GW", Default: 1.2, Min: 0, Max: 100, Step: 0.1, Meaning: "GW contracted before the commitments and already due at the start month"},
	CommitFrom:         {Key: "commit_from", Name: "Commitments from", Unit: "year", Default: 2025, Min: 2020, Max: 2040, Step: 1, Meaning: "first calendar year of the signed commitments' delivery schedule"},
	CommitPeak:         {Key: "commit_peak", Name: "Commitments peak", Unit: "year", Default: 2028, Min: 2020, Max: 2040, Step: 1, Meaning: "calendar year in which the schedule delivers the most"},
	CommitTo:           {Key: "commit_to", Name: "Commitments to", Unit: "year", Default: 2033, Min: 2020, Max: 2040, Step: 1, Meaning: "last calendar year of the schedule"},
}

// HeadlineLevers are the three sliders always on screen.
var HeadlineLevers = []Lever{Investment, GPUSupply, RevenueGrowth}

// Param returns the lever's description.
func (l Lever) Param() Param { return Levers[l] }

// String is the lever's scenario-file key.
func (l Lever) String() string { return Levers[l].Key }

// Param returns the setting's description.
func (s Setting) Param() Param { return Settings[s] }

// String is the setting's scenario-file key.
func (s Setting) String() string { return Settings[s].Key }

// LeverByKey finds a lever by its scenario-file key.
func LeverByKey(key string) (Lever, bool) {
	i := paramIndex(Levers[:], key)
	return Lever(i), i >= 0
}

// SettingByKey finds a setting by its scenario-file key.
func SettingByKey(key string) (Setting, bool) {
	i := paramIndex(Settings[:], key)
	return Setting(i), i >= 0
}

func paramIndex(table []Param, key string) int {
	for i := range table {
		if table[i].Key == key {
			return i
		}
	}
	return -1
}

func paramKeys(table []Param) []string {
	keys := make([]string, len(table))
	for i := range table {
		keys[i] = table[i].Key
	}
	return keys
}

// RangeError reports a value outside a parameter's range, or not a finite number. It names the
// parameter, the value and the allowed range, so a person can fix it without the docs.
type RangeError struct {
	Kind  string // "lever" or "setting"
	Param Param
	Value float64
}

func (e *RangeError) Error() string {
	p := e.Param
	if math.IsNaN(e.Value) || math.IsInf(e.Value, 0) {
		return fmt.Sprintf("%s %s = %v is not a finite number (allowed %s–%s %s)", e.Kind, p.Key, e.Value,
			FormatNumber(p.Min), FormatNumber(p.Max), p.Unit)
	}
	return fmt.Sprintf("%s %s = %s is out of range %s–%s %s", e.Kind, p.Key, FormatNumber(e.Value),
		FormatNumber(p.Min), FormatNumber(p.Max), p.Unit)
}

// Check returns a *RangeError if v is not finite or outside [Min, Max].
func (p Param) Check(kind string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < p.Min || v > p.Max {
		return &RangeError{Kind: kind, Param: p, Value: v}
	}
	return nil
}

// FormatNumber prints a parameter value as short as it is exact: 1.4, 130, 0.25.
func FormatNumber(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}
