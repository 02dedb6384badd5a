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
	Investment:            {Key: "investment", Name: "Investment", Unit: "$T", Default: 1.4, Min: 0, Max: 4, Step: 0.05, Headline: true, Meaning: "compute commitments signed for 2025–2033 (capex-equivalent value)"},
	GPUSupply:             {Key: "gpu_supply", Name: "GPU supply", Unit: "GW/yr", Default: 4, Min: 0.5, Max: 20, Step: 0.25, Headline: true, Meaning: "accelerator capacity the supply chain can deliver to the company in 2026"},
	RevenueGrowth:         {Key: "revenue_growth", Name: "Revenue growth", Unit: "%/yr", Default: 130, Min: 0, Max: 300, Step: 5, Headline: true, Meaning: "growth of revenue demand in 2026, fading toward the long-run rate"},
	SupplyGrowth:          {Key: "supply_growth", Name: "Supply growth", Unit: "%/yr", Default: 30, Min: 0, Max: 100, Step: 5, Meaning: "yearly growth of the GPU supply cap after 2026 (fabs, CoWoS, HBM)"},
	EnergyBuild:           {Key: "energy_build", Name: "Energy build", Unit: "GW/yr", Default: 4, Min: 0, Max: 30, Step: 0.25, Meaning: "new power capacity (IT GW) started in 2026, online after the power lead time"},
	EnergyGrowth:          {Key: "energy_growth", Name: "Energy growth", Unit: "%/yr", Default: 25, Min: 0, Max: 100, Step: 5, Meaning: "yearly growth of the power build rate after 2026"},
	PowerLeadTime:         {Key: "power_lead_time", Name: "Power lead time", Unit: "months", Default: 24, Min: 6, Max: 84, Step: 3, Meaning: "from starting a power project to IT load online"},
	GPULeadTime:           {Key: "gpu_lead_time", Name: "GPU lead time", Unit: "months", Default: 12, Min: 1, Max: 36, Step: 1, Meaning: "from signing a new compute contract to its GPUs falling due"},
	CostPerGW:             {Key: "cost_per_gw", Name: "Cost per GW", Unit: "$B", Default: 50, Min: 20, Max: 100, Step: 1, Meaning: "all-in capital cost of one GW of AI data centre in 2025"},
	CostDecline:           {Key: "cost_decline", Name: "Cost decline", Unit: "%/yr", Default: 3, Min: 0, Max: 30, Step: 1, Meaning: "yearly fall of the cost per GW"},
	UsefulLife:            {Key: "useful_life", Name: "Useful life", Unit: "years", Default: 5, Min: 2, Max: 10, Step: 0.5, Meaning: "years an accelerator stays in service and is paid for"},
	RentMargin:            {Key: "rent_margin", Name: "Rent margin", Unit: "%", Default: 10, Min: 0, Max: 50, Step: 1, Meaning: "return the compute landlords earn on their capital, per year"},
	ElectricityPrice:      {Key: "electricity_price", Name: "Electricity price", Unit: "$/MWh", Default: 80, Min: 20, Max: 300, Step: 5, Meaning: "price paid for power at the data centres"},
	PUE:                   {Key: "pue", Name: "PUE", Unit: "×", Default: 1.25, Min: 1, Max: 2, Step: 0.05, Meaning: "grid power drawn per unit of IT power (cooling, losses)"},
	TrainingShare:         {Key: "training_share", Name: "Training share", Unit: "%", Default: 40, Min: 0, Max: 90, Step: 5, Meaning: "share of powered compute used to train models rather than serve users"},
	PriceDecline:          {Key: "price_decline", Name: "Price decline", Unit: "%/yr", Default: 25, Min: 0, Max: 90, Step: 5, Meaning: "yearly fall of the price of a unit of intelligence"},
	EfficiencyGain:        {Key: "efficiency_gain", Name: "Efficiency gain", Unit: "%/yr", Default: 45, Min: 0, Max: 200, Step: 5, Meaning: "yearly rise of units served per GW (chips, models, serving)"},
	LongRunGrowth:         {Key: "long_run_growth", Name: "Long-run growth", Unit: "%/yr", Default: 20, Min: 0, Max: 100, Step: 1, Meaning: "demand growth the 2026 rate fades toward"},
	GrowthHalfLife:        {Key: "growth_half_life", Name: "Growth half-life", Unit: "years", Default: 2.5, Min: 0.25, Max: 10, Step: 0.25, Meaning: "years for the excess of demand growth over the long-run rate to halve"},
	CapabilityElasticity:  {Key: "capability_elasticity", Name: "Capability elasticity", Unit: "×", Default: 0.3, Min: 0, Max: 2, Step: 0.05, Meaning: "demand growth added per unit of capability growth (loop R2)"},
	UnmetDemandPenalty:    {Key: "unmet_demand_penalty", Name: "Unmet-demand penalty", Unit: "×", Default: 0.5, Min: 0, Max: 2, Step: 0.05, Meaning: "demand growth lost per unit share of demand left unserved"},
	ReinvestShare:         {Key: "reinvest_share", Name: "Reinvest share", Unit: "%", Default: 30, Min: 0, Max: 100, Step: 5, Meaning: "share of revenue put into new compute contracts beyond those signed (loop R1)"},
	VendorFinancing:       {Key: "vendor_financing", Name: "Vendor financing", Unit: "%", Default: 30, Min: 0, Max: 80, Step: 5, Meaning: "share of compute bills paid in kind by suppliers in exchange for equity"},
	EquityCapacity:        {Key: "equity_capacity", Name: "Equity capacity", Unit: "$B/yr", Default: 40, Min: 0, Max: 300, Step: 5, Meaning: "equity investors will put in per calendar year"},
	DebtRate:              {Key: "debt_rate", Name: "Debt rate", Unit: "%/yr", Default: 9, Min: 0, Max: 30, Step: 0.5, Meaning: "interest on borrowed money"},
	CashBuffer:            {Key: "cash_buffer", Name: "Cash buffer", Unit: "$B", Default: 10, Min: 0, Max: 200, Step: 1, Meaning: "cash kept on hand; below it the company raises money"},
	RevenueShareToPartner: {Key: "revenue_share_to_partner", Name: "Partner revenue share", Unit: "%", Default: 20, Min: 0, Max: 50, Step: 1, Meaning: "share of revenue paid to the partner in 2025, falling to the 2030 setting"},
	OpexFixed:             {Key: "opex_fixed", Name: "Fixed opex", Unit: "$B/yr", Default: 6, Min: 0, Max: 100, Step: 1, Meaning: "cash operating costs that do not scale with revenue (people, offices)"},
	OpexVariable:          {Key: "opex_variable", Name: "Variable opex", Unit: "%", Default: 15, Min: 0, Max: 60, Step: 1, Meaning: "operating costs that scale with revenue (sales, support, payments)"},
}

// Setting identifies a calibrated start value or structural assumption of a scenario. Settings are
// not sliders: they fix where 2025 starts and how the commitments are scheduled.
type Setting int

// The settings, in the order of the scenario file.
const (
	InstalledStart Setting = iota
	PowerOnlineStart
	PowerBuild2025
	Supply2025
	DemandStart
	DemandGrowth2025
	RevenuePerGWStart
	CashStart
	DebtCap
	LegacyRentDiscount
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
	PowerBuild2025:     {Key: "power_build_2025", Name: "Power build before 2026", Unit: "GW/yr", Default: 2.5, Min: 0, Max: 50, Step: 0.1, Meaning: "power capacity started per year before 2026 (fills the pipeline at start)"},
	Supply2025:         {Key: "supply_2025", Name: "GPU supply 2025", Unit: "GW/yr", Default: 1.4, Min: 0, Max: 20, Step: 0.1, Meaning: "accelerators the supply chain could deliver per year before 2026 (observed build-out)"},
	DemandStart:        {Key: "demand_start", Name: "Demand at start", Unit: "$B/yr", Default: 8, Min: 0, Max: 5000, Step: 0.5, Meaning: "revenue run-rate customers would pay with unlimited capacity, at the start month"},
	DemandGrowth2025:   {Key: "demand_growth_2025", Name: "Demand growth 2025", Unit: "%/yr", Default: 200, Min: 0, Max: 1000, Step: 5, Meaning: "growth of demand before 2026 (observed)"},
	RevenuePerGWStart:  {Key: "revenue_per_gw_start", Name: "Revenue per GW at start", Unit: "$B/GW-yr", Default: 16, Min: 0.1, Max: 500, Step: 0.5, Meaning: "revenue one GW-year of inference compute earns at full use, at the start month"},
	CashStart:          {Key: "cash_start", Name: "Cash at start", Unit: "$B", Default: 10, Min: 0, Max: 5000, Step: 1, Meaning: "cash and securities at the start month"},
	DebtCap:            {Key: "debt_cap", Name: "Debt cap", Unit: "$B", Default: 100, Min: 0, Max: 10000, Step: 5, Meaning: "most the company can borrow; beyond it an unfunded need is a shortfall"},
	LegacyRentDiscount: {Key: "legacy_rent_discount", Name: "Legacy rent discount", Unit: "%", Default: 20, Min: 0, Max: 100, Step: 5, Meaning: "discount on the rent of accelerators in service before 2026 (partner terms)"},
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
