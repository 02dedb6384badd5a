// Package engine is flywheel's model of the closed loop of compute, capital, products and energy
// (shared/MODEL.md). It is pure Go: no terminal, no configuration, no files except a scenario
// read through an io.Reader. A run is deterministic and, into a reused Result, allocation-free.
//
// # Time and units
//
// Monthly steps (dt = 1/12 year) from the scenario's start month over horizon_years. Stocks are in
// GW (accelerators and power, IT load; grid power is IT × PUE) or $B; flows in a Month are amounts
// in the month unless named a rate ($B/yr, GW/yr). Levers quoted "in 2025" or "in 2026" stay
// anchored to those calendar years whatever the start month.
//
// # One step, in order
//
//  1. Contracts. The investment lever ($T) is spread over the schedule commit_from–commit_to by a
//     triangle peaking mid commit_peak (weights sum to half the schedule's months), each month's
//     tranche converted to GW at that month's cost per GW,
//     cost(t) = cost_per_gw × (1 − cost_decline)^(t − 2025). All tranches from the start on are in
//     the backlog at start, plus backlog_start; a tranche falls due in its month. Reinvestment
//     signs new GW each month, reinvest_share × revenue rate of the month before × dt ÷ cost(t),
//     due gpu_lead_time months later (loop R1).
//  2. Deliveries = min(GW due, supply cap × dt); the rest stays due (B2). Supply cap is
//     supply_2025 before 2026, then gpu_supply × (1 + supply_growth)^(t − 2026).
//  3. Retirements: each month's deliveries retire exactly useful_life later; the start fleet
//     retires evenly over one useful life. Installed += deliveries − retirements.
//     Rent per GW-year of a vintage = cost(t) × capital recovery factor r ÷ (1 − (1+r)^−life) at
//     r = rent_margin (1/life at r = 0), less legacy_rent_discount for vintages before 2026.
//  4. Power: starts are power_build_2025 GW/yr before 2026, then energy_build ×
//     (1 + energy_growth)^(t − 2026); each start comes online power_lead_time months later. The
//     pipeline at start holds the starts of the lead time before it.
//  5. Effective = min(installed, power online); stranded = installed − effective (B1).
//  6. Training = training_share × effective; inference = the rest.
//  7. Capability = 1 + capability_scale × ln(cumulative training GW-years ÷ training_history),
//     with d ln(cum) = d cum ÷ cum integrated at mid-month.
//  8. Revenue per inference GW-year = revenue_per_gw_start × ((1 + efficiency_gain) ×
//     (1 − price_decline))^(t − start) (B4); capacity revenue = inference × that.
//  9. Revenue rate = min(demand, capacity revenue); utilisation = revenue ÷ capacity revenue.
//  10. Costs ($B/yr): rent on all installed GW (take-or-pay), energy on effective GW at
//     8,760 h × PUE × electricity_price, partner share (revenue_share_to_partner falling linearly
//     from 2025 to revenue_share_2030 in 2030, never rising), opex_fixed + opex_variable × revenue,
//     interest debt × debt_rate. The vendor_financing share of rent is paid in kind for equity:
//     not cash out, but funding raised. FCF = revenue − cash costs.
//  11. Financing (B3): when cash falls below cash_buffer, equity up to equity_capacity per
//     calendar year, then debt up to debt_cap; cash above the buffer repays debt. Cash below zero is
//     a shortfall: from then on every undelivered and future contract is cancelled.
//  12. Demand for the next month = demand × g(t) × (1 + capability_elasticity × ΔC ÷ C) ×
//     (1 − unmet_demand_penalty × unmet share × dt), where g is the monthly growth factor:
//     (1 + demand_growth_2025)^(1/12) before 2026, then the 2026 factor
//     (1 + revenue_growth)^(1/12) whose excess over the long-run factor
//     (1 + long_run_growth)^(1/12) halves every growth_half_life years.
//
// # Binding constraint
//
// Each month one label, first match wins: Demand when capacity revenue ≥ demand; else Energy when
// GPUs are stranded; Supply when GW due were left undelivered; Capital after a shortfall or with
// no contracts left; else Compute (contracts exist but are not yet due).
//
// # Refinements of MODEL.md
//
//   - Forms marked free: the commitment ramp is the triangle above; retirement is by vintage
//     (exact life) so that rent, which depends on each vintage's cost, leaves with its GPUs; the
//     capability log, the capability term of demand growth and the unmet-demand penalty are
//     integrated by explicit monthly steps (Euler), as MODEL.md asks, and the growth decay blends
//     monthly factors, so a step needs no exp or log (BenchmarkRun ≤ 20 µs).
//   - Settings MODEL.md leaves implicit are explicit and sourced in data/base.yaml:
//     power_build_2025, supply_2025, demand_growth_2025, revenue_per_gw_start, debt_cap,
//     legacy_rent_discount (how 2025's compute spend above revenue squares with an ~$8B burn),
//     backlog_start (2025 deliveries contracted before the $1.4T), training_history,
//     capability_scale, revenue_share_2030 and the schedule's years.
//   - "Now" (Headline.BottleneckNow) is the last month of the start year: the base case's figures
//     stand as of late 2025.
//
// # Monotone responses
//
// MODEL.md expects more gpu_supply never to lower cumulative GW delivered, more energy_build
// never to lower effective GW and more investment never to lower backlog + cumulative delivered,
// wherever no shortfall occurs. The engine holds these exactly (tests: TestMonotone*) when no
// revenue feeds contracts (reinvest_share = 0), and, with the flywheel turning, until the first
// delivered vintage retires when demand does not respond to the fleet. Beyond that two feedbacks
// can reverse them, and the engine keeps both because they are real:
//   - the retirement echo: GPUs delivered early, before power, age out before they earn, so the
//     fleet a few years on is smaller and so is the revenue that signs new contracts
//     (TestRetirementEchoCanReverseSupply: cheaper GW and slower-fading growth, gpu_supply
//     4 → 15.25 GW/yr, deliver ≥1% fewer GW by 2035);
//   - raised expectations: more compute trains more capability, which raises demand; when that
//     demand then goes unserved the penalty removes more of it than the fading capability lead
//     adds. Across 50,000 random lever pairs per response, before the first retirement this
//     lowered cumulative deliveries by at most 0.3% (gpu_supply) and contracted GW by 2.9%
//     (investment); effective GW (energy_build) never fell.
//
// # Invariants (property tests)
//
// Cash identity to 1e-9 relative; no NaN or Inf for any in-range scenario; 0 ≤ effective ≤
// min(installed, power online); 0 ≤ utilisation ≤ 1; backlog ≥ due ≥ 0; deliveries ≤ supply cap;
// revenue ≤ demand and ≤ capacity; 0 ≤ debt ≤ debt_cap; determinism.
package engine
