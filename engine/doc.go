// Package engine is flywheel's model of the closed loop of compute, capital, products and energy.
// It is pure Go: no terminal, no configuration, no files except a scenario read through an
// io.Reader. A run is deterministic and, into a reused Result, allocation-free. docs/model.md is
// the model's full reference (loops, stocks, levers with their plausible bands, invariants,
// calibration); this comment gives the equations as the code implements them.
//
// # Time and units
//
// Monthly steps (dt = 1/12 year). Every run begins in January 2025, the month the settings
// describe; a scenario starting later runs that history and reports from its start (Result.Months
// begins there, Result.Opening is the month before). Stocks are in GW (accelerators and power, IT
// load) or $B; flows in a Month are amounts in the month unless named a rate ($B/yr, GW/yr).
// Levers quoted "in 2026" stay anchored to 2026. Lead times and the useful life may be fractional
// months: a delay of n + w months delivers (1 − w) after n months and w after n + 1 (type lag).
//
// # One step, in order
//
//  1. Contracts. The investment lever is spread over commit_from–commit_to by a triangle peaking
//     mid commit_peak; each month's tranche is converted to GW at that month's cost per GW,
//     cost(t) = cost_per_gw × (1 − cost_decline)^(t − 2025), and keeps that price. New contracts
//     (loop R1) fill the gap between the GW that demand needs a GPU lead time ahead — demand grown
//     at the scheduled rates, capped by the ceiling, ÷ (revenue per GW then × (1 − training
//     share)) — and the fleet the company will have by then: installed + due + signed + tranches
//     due within the lead time − retirements. They are capped by what capital allows: GPUs
//     retiring a lead time on (uncapped replacement) + reinvest_share × revenue rate × dt + cash
//     above 2 × cash_buffer ÷ 3; the rest is Unaffordable. All are scaled by (1 − distress) ×
//     (1 − restraint) and fall due a GPU lead time later at their signing price.
//  2. Deliveries = min(queue, supply cap × dt) × (1 − distress)(1 − restraint), first in first
//     out from a queue of tranches that each keep their price. Supply cap = supply_2025 before
//     2026, then gpu_supply × (1 + supply_growth)^(t − 2026).
//  3. Retirements: each month's deliveries after the useful life; the start fleet evenly over one
//     life. Chip rent by vintage: value at signing prices × (1 − shell_share) × r ÷ (1 −
//     (1 + r)^−life) at r = rent_margin, less legacy_rent_discount before 2026.
//  4. Power: completions of the starts a power lead time before (and the start pipeline evenly
//     over pipeline_months); starts = (installed + due within the power lead time) ×
//     (1 + power_margin) − online − pipeline, capped by the build rate (power_build_2025 before
//     2026, then energy_build × (1 + energy_growth)^(t − 2026)), scaled like deliveries. Shell
//     rent from the month power comes online: cost(t) × shell_share × recovery over shell_life.
//     Power online above 1.5 × (installed + due within the lead time) is released with its rent.
//  5. Effective = min(installed, power online); stranded = installed − effective (B1).
//  6. Training = training_share × (1 − distress)(1 − restraint) × effective; inference the rest.
//  7. Capability = 1 + capability_scale × ln(cumulative training GW-years ÷ training_history),
//     with d ln(cum) = d cum ÷ cum integrated at mid-month (R2).
//  8. Revenue per inference GW-year = revenue_per_gw_start × ((1 + efficiency_gain) ×
//     (1 − price_decline))^(t − 2025) (B4); capacity revenue = inference × that.
//  9. Revenue rate = min(demand, capacity revenue); utilisation = revenue ÷ capacity revenue.
//  10. Costs ($B/yr): chip rent (take-or-pay on installed), shell rent (on power online), energy
//     on effective GW at 8,760 h × PUE × electricity_price, partner share (falling linearly from
//     2025 to revenue_share_2030 in 2030), opex_fixed + opex_variable × revenue, interest at
//     debt_rate on debt, restructured debt and arrears. vendor_financing × the chip rent of GPUs
//     delivered from July 2026 is paid in kind for equity. FCF = revenue − cash costs.
//  11. Financing (B3): below cash_buffer, equity up to equity_capacity over any 12 months, then
//     debt up to debt_cap; cash above the buffer repays debt, then restructured debt. Unpaid
//     bills are arrears; distress = arrears ÷ 3 months of revenue (≥ $1B/yr), in [0, 1].
//  12. Restructuring: clock = 0.9 × clock + distress; at clock ≥ (1 − 0.9^arrears_months) ÷ 0.1
//     creditors phase in over one more unit of the clock: a share rho = clock − that threshold
//     (in [0, 1]) of the arrears becomes restructured debt, rho × distress of the backlog, the
//     pending new contracts and the power pipeline is cancelled, and a fee of termination_fee
//     months of the cancelled chip rent is added to restructured debt; restraint = rho next month.
//     Winding down: restructuring at rho = 1 with nothing left to cancel and 12-month FCF < 0.
//  13. Demand for the next month grows at g(t) — (1 + demand_growth_2025)^(1/12) before 2026,
//     (1 + revenue_growth)^(1/12) through 2026, then the long-run factor plus the excess halving
//     every growth_half_life years — × (1 + capability_elasticity × ΔC ÷ C) × (1 −
//     unmet_demand_penalty × unmet share × dt), its growth part × (1 − demand ÷ demand_ceiling).
//
// # Binding constraint
//
// Each month one label, first match wins: Capital when in arrears, restructuring or winding
// down; Demand when capacity revenue ≥ demand; Energy when stranded GW exceed 2% of installed;
// Supply when GW due but undelivered do; Capital when unaffordable GW do and cash ≤ 2 × buffer;
// else Compute. "Now" (Headline.BottleneckNow) is the last month of the start year.
//
// Every screen takes its story from here: a year is labelled by the label most of its months hold
// (Year.Bottleneck); a wall (Walls) is a run of one label, ranked by what it cost in $B (demand
// left unserved, or capacity left idle for demand), those under WallMateriality of the run's
// revenue dropped; the stages of a shortfall come from Month.Stage (Result.Shortfall).
//
// # Refinements of the design
//
// Forms the design leaves free, chosen so that no rule has a cliff (TestNoCliffs): the
// commitment ramp is a triangle; retirement is by vintage so rent leaves with its GPUs; every
// response to a shortfall is proportional to distress, and restructuring phases in with a clock
// that forgets (a counter that resets, or a restructuring all at once, made cliffs and, with the
// fee routed through arrears, a chaotic loop); the fee is carried by the creditors at once for
// the same reason; a contract counts only the GW that arrive within its lead time (counting the
// whole schedule blocked contracts for near demand and made more investment deliver less);
// distress is floored at $1B/yr of revenue so that a company with none left is not in full
// distress over a cent. Growth factors, costs and prices step by one multiplication a month, so a
// step needs no exp or log (BenchmarkRun ≤ 20 µs).
//
// # Monotone responses
//
// Without the flywheel (no reinvestment, no surplus cash signing) more gpu_supply never lowers
// cumulative GW delivered, more energy_build never lowers effective GW and more investment never
// lowers backlog + cumulative delivered (TestMonotoneWithoutTheFlywheel). With it, wherever no
// contract was cut for money and no arrears arose, two real feedbacks can reverse them: the
// retirement echo (GPUs delivered or powered earlier serve demand earlier, so the contracts that
// follow demand come, and retire, earlier) and raised expectations (R2: more compute trains more
// capability, which raises demand that then goes unserved). They are rare: of ~14,000 random
// pairs per response, one reversed by more than 1% for gpu_supply (1.5%) and for energy_build
// (4.3%, with a GPU lead time longer than the GPUs' life), none for investment
// (TestMonotoneReversalsWithTheFlywheelAreRare). Where capital cuts contracts, more commitments
// can crowd out the contracts demand would have signed: a real feedback too.
package engine
