package engine

// Bottleneck is the link of the loop that binds in a month (MODEL.md, "Binding constraint").
type Bottleneck uint8

// The five labels. The rule (doc.go, "Binding constraint") tries Capital first, then Demand,
// Energy, Supply, Capital again for contracts wanted but unaffordable, and Compute.
const (
	Demand  Bottleneck = iota // capacity could earn more than customers want: idle capacity
	Energy                    // GPUs installed but not powered
	Supply                    // contracted GPUs due but the supply chain cannot deliver them
	Capital                   // in arrears or restructuring, or contracts wanted but not affordable
	Compute                   // compute-limited for none of the reasons above: contracts not yet due
	NumBottlenecks
)

// Stage is how far a funding shortfall has gone in a month (MODEL.md, financing (a)–(e)).
type Stage uint8

// The stages, in the order a shortfall passes through them.
const (
	Solvent       Stage = iota // bills paid
	InArrears                  // unpaid bills carried as arrears; responses scale with distress
	Restructuring              // this month creditors turned the arrears into debt and cancelled a share of the backlog
	WindingDown                // full distress with nothing left to cancel and cash flow still negative
	NumStages
)

var stageNames = [NumStages]string{"solvent", "arrears", "restructuring", "winding down"}

func (s Stage) String() string { return stageNames[s] }

var bottleneckNames = [NumBottlenecks]string{"demand", "energy", "supply", "capital", "compute"}

// bottleneckLetters follow the mock-up's timeline: d demand, E energy, S supply, $ capital, c compute.
var bottleneckLetters = [NumBottlenecks]byte{'d', 'E', 'S', '$', 'c'}

func (b Bottleneck) String() string { return bottleneckNames[b] }

// Letter is the one-character mark of the timeline strip.
func (b Bottleneck) Letter() byte { return bottleneckLetters[b] }

// Loop names a feedback loop of MODEL.md.
type Loop uint8

// The loops the UI marks active or not.
const (
	R1 Loop = iota // flywheel: revenue → cash → contracts → capacity → revenue
	R2             // capability: training compute → capability → demand growth
	B1             // energy wall: unpowered GPUs earn nothing but are paid for
	B2             // supply wall: contracted GPUs arrive no faster than supply allows
	B3             // capital wall: compute bills drain cash; financing is limited and priced
	B4             // price deflation: revenue per GW falls unless usage grows faster
	NumLoops
)

var loopInfo = [NumLoops][2]string{
	R1: {"R1", "flywheel"},
	R2: {"R2", "capability"},
	B1: {"B1", "energy wall"},
	B2: {"B2", "supply wall"},
	B3: {"B3", "capital wall"},
	B4: {"B4", "price deflation"},
}

func (l Loop) String() string { return loopInfo[l][0] }

// Title is the loop's name in words.
func (l Loop) Title() string { return loopInfo[l][1] }

// Loops is the set of loops active in a month.
type Loops uint8

// Has reports whether loop l is active.
func (ls Loops) Has(l Loop) bool { return ls&(1<<l) != 0 }

func (ls *Loops) set(l Loop, on bool) {
	if on {
		*ls |= 1 << l
	}
}

// IsZero reports the zero YearMonth, which headline dates use for "none".
func (ym YearMonth) IsZero() bool { return ym == YearMonth{} }

// Month is the state at the end of one monthly step and the flows during it. Stocks are in GW or
// $B; flows marked "in the month" are amounts, those marked "/yr" are annual rates.
type Month struct {
	Date       YearMonth
	Bottleneck Bottleneck
	Loops      Loops
	Stage      Stage

	// Compute
	Backlog      float64 // GW contracted, not yet delivered
	BacklogValue float64 // $B of the backlog at its signing prices
	Due          float64 // GW of the backlog due but not delivered (supply-limited or deferred)
	NewContracts float64 // GW signed in the month because demand outruns capacity (R1)
	SignedValue  float64 // $B of those contracts at their signing price
	Unaffordable float64 // GW wanted but beyond what capital allows
	Deliveries   float64 // GW delivered in the month
	// DeliveredValue is the capital value delivered in the month at the prices the GW were signed
	// at: a delivery delay never makes compute cheaper.
	DeliveredValue float64
	CancelledGW    float64 // GW of backlog cancelled in a restructuring
	CancelledValue float64 // $B of backlog cancelled, at signing prices
	SupplyCap      float64 // GW/yr the supply chain can deliver
	Retirements    float64 // GW retired in the month
	Installed      float64 // GW of accelerators in service
	Effective      float64 // GW installed and powered: min(Installed, PowerOnline)
	Stranded       float64 // GW installed but waiting for power
	Training       float64 // GW of effective compute training models
	Inference      float64 // GW of effective compute serving customers

	// Energy (IT GW; multiply by PUE for grid GW)
	PowerStarts    float64 // GW/yr of power projects started
	PowerPipeline  float64 // GW under construction
	PowerOnline    float64 // GW of IT load that can be powered
	PowerNeed      float64 // GW power is built for: installed plus due within the power lead time
	PowerReleased  float64 // GW of power online given back in the month: more than the fleet will need
	PowerCompleted float64 // GW of power that came online in the month
	PowerCancelled float64 // GW of the pipeline cancelled in a restructuring

	// Products
	Demand          float64 // $B/yr customers would pay with unlimited capacity
	CapacityRevenue float64 // $B/yr the inference fleet could earn at full use
	RevenueRate     float64 // $B/yr served: min(Demand, CapacityRevenue)
	Utilisation     float64 // RevenueRate ÷ CapacityRevenue, 0–1
	RevenuePerGW    float64 // $B per inference GW-year at full use
	PriceIndex      float64 // price of a unit of intelligence, 1 at start
	Usage           float64 // $B/yr of usage at start-month prices: RevenueRate ÷ PriceIndex
	Capability      float64 // index, 1 at start

	// Capital ($B in the month unless marked)
	Revenue         float64
	ComputeRent     float64 // ChipRent + ShellRent
	ChipRent        float64 // take-or-pay rent on all installed GW, each vintage at its signing price
	ShellRent       float64 // rent of the powered shells: on all power online, used or not
	EnergyCost      float64 // electricity for effective GW
	PartnerShare    float64
	Opex            float64
	Interest        float64 // on debt and restructured debt
	ArrearsInterest float64 // on the arrears carried into the month
	TerminationFee  float64 // paid (as restructured debt) for contracts cancelled in a restructuring
	Costs           float64 // all costs: the lines above except ChipRent and ShellRent, which ComputeRent sums
	VendorFinanced  float64 // part of the chip rent paid in kind for equity: not cash out
	CashCosts       float64 // Costs − VendorFinanced
	FCF             float64 // Revenue − CashCosts
	Equity          float64 // equity raised in cash
	DebtDrawn       float64
	DebtRepaid      float64 // of debt, then of restructured debt
	Debt            float64 // outstanding at month end, within debt_cap
	// Restructured is the arrears turned into restructured debt this month (with the fee);
	// RestructuredDebt what is outstanding, outside debt_cap.
	Restructured     float64
	RestructuredDebt float64
	Cash             float64 // at month end; negative means unpaid bills
	Arrears          float64 // unpaid bills at month end: max(0, −Cash)
	// Distress is arrears ÷ three months of revenue, clipped to [0, 1]: the share by which new
	// contracts, power starts, deliveries and training yield in the next month.
	Distress float64
	Coverage float64 // cumulative revenue ÷ cumulative compute rent
}

// Year aggregates the months of one calendar year: flows are sums over the year, "End" values
// are the stock in its last month inside the horizon.
type Year struct {
	Year                 int
	Months               int // months of the year inside the horizon
	Revenue              float64
	Costs                float64 // cash costs
	ComputeRent          float64
	EnergyCost           float64
	VendorFinanced       float64
	FCF                  float64
	Equity               float64 // equity raised in cash
	DebtDrawn            float64
	FundingRaised        float64 // equity + vendor financing + debt drawn in the year (the report's column)
	CashRaisedToDate     float64 // cumulative equity + debt drawn: money that came in as cash
	VendorFinancedToDate float64 // cumulative vendor financing: chip rent paid in kind
	CashEnd              float64
	DebtEnd              float64
	ArrearsEnd           float64
	RestructuredDebtEnd  float64
	CoverageEnd          float64
	RunRateEnd           float64 // revenue run-rate ($B/yr) in the last month
	DemandEnd            float64 // $B/yr
	Utilisation          float64 // revenue ÷ capacity revenue over the year
	CapabilityEnd        float64
	PriceIndexEnd        float64
	UsageEnd             float64
	Deliveries           float64 // GW delivered in the year
	SupplyCapEnd         float64 // GW/yr
	BacklogEnd           float64
	InstalledEnd         float64
	EffectiveEnd         float64
	StrandedEnd          float64
	PowerOnlineEnd       float64
	PowerPipelineEnd     float64
	Bottleneck           Bottleneck // label held by most months (ties: the one held last)
	BottleneckMonths     [NumBottlenecks]int
}

// Headline holds the figures the header and `flywheel run` lead with (docs/model.md, "Figures").
// Money that came in as cash (equity, debt drawn) and chip rent suppliers took in equity (vendor
// financing) are counted apart: only the first pays bills, and a label must say which it shows.
type Headline struct {
	HasYear2030        bool    // the horizon reaches the end of 2030
	Revenue2030        float64 // $B
	CashRaised2030     float64 // $B, cumulative equity + debt drawn to end 2030: money that came in as cash
	VendorFinanced2030 float64 // $B, cumulative chip rent paid in kind for equity to end 2030
	// FundingRaised2030 is CashRaised2030 + VendorFinanced2030, kept for the screens and the JSON
	// report that still show the total.
	FundingRaised2030 float64
	Installed2030     float64 // GW at end 2030
	BreakEvenYear     int     // first calendar year of positive FCF; 0 if none in the horizon
	// PeakFundingNeed is the deepest point of cumulative FCF below zero ($B): the cash the run had
	// to find from its start, whatever source it came from. FCF already counts vendor financing as
	// paid in kind, so the in-kind part is not in it; arrears are (unpaid bills are a need).
	PeakFundingNeed float64
	PeakArrears     float64 // $B: the most unpaid bills at any month end
	// The stages of a shortfall, each its first month; zero when it never happens.
	ArrearsFrom       YearMonth
	RestructuredAt    YearMonth
	WindingDownFrom   YearMonth
	Restructurings    int     // how many times creditors restructured
	StrandedPeak      float64 // GW
	BottleneckNow     Bottleneck
	NowMonth          YearMonth // the month "now" refers to: the last of the start year
	CashRaisedEnd     float64   // $B, equity + debt drawn to horizon end
	VendorFinancedEnd float64   // $B, vendor financing to horizon end
}

// Result is one run. Keep it and pass it to Run again: its buffers are reused, so a re-run after a
// slider nudge allocates nothing.
type Result struct {
	Scenario Scenario
	Months   []Month // from the scenario's start; the calibrated history before it is run, not reported
	Years    []Year
	Headline Headline
	// CommittedValue is the $B of the signed schedule due from 2025 on, beyond the horizon too.
	CommittedValue float64
	// Opening is the month before Months[0] (cash, debt, stocks), or the calibrated 2025-01 start
	// values when the scenario starts then, so identities can be checked from the first month.
	Opening Month

	w workspace
}

// YearIndex returns the index in Years of a calendar year, or -1.
func (r *Result) YearIndex(year int) int {
	if len(r.Years) == 0 {
		return -1
	}
	i := year - r.Years[0].Year
	if i < 0 || i >= len(r.Years) {
		return -1
	}
	return i
}

// MonthIndex returns the index in Months of a calendar month, or -1.
func (r *Result) MonthIndex(ym YearMonth) int {
	if len(r.Months) == 0 {
		return -1
	}
	i := ym.Year*12 + ym.Month - (r.Months[0].Date.Year*12 + r.Months[0].Date.Month)
	if i < 0 || i >= len(r.Months) {
		return -1
	}
	return i
}

// CopyTo makes dst an independent copy of r, reusing dst's buffers: a result pinned as a
// baseline must not change when r's buffers are reused by the next run.
func (r *Result) CopyTo(dst *Result) {
	dst.Scenario = r.Scenario
	dst.Months = append(dst.Months[:0], r.Months...)
	dst.Years = append(dst.Years[:0], r.Years...)
	dst.Headline = r.Headline
	dst.CommittedValue, dst.Opening = r.CommittedValue, r.Opening
}
