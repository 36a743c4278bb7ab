"""Advice: how to qualify for a provision that is not yet eligible (engine/advise)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "advice.heading": ("如何满足条件", "How to qualify"),
    "advice.now.ineligible": ("不符合", "ineligible"),
    "advice.now.undetermined": ("待定", "undetermined"),
    "advice.none_needed": ("没有不符合或待定的条款,无需建议", "No provision is ineligible or undetermined: no advice needed"),
    # one change to a controllable fact
    "advice.raise": ("{label} {before} → 至少 {after}(+{delta})", "{label} {before} → at least {after} (+{delta})"),
    "advice.lower": ("{label} {before} → 至多 {after}(−{delta})", "{label} {before} → at most {after} (−{delta})"),
    "advice.set": ("{label}:{before} → {after}", "{label}: {before} → {after}"),
    "advice.ratio": ("({subject} {before} → {after})", " ({subject} {before} → {after})"),
    "advice.score": ("{label} {before} → {after} 分({delta})", "{label} {before} → {after} points ({delta})"),
    # a flag the rule wants set, said as what to do
    "advice.act.rd.super_deduction_filed.true": ("申报研发费用加计扣除", "file the R&D super deduction"),
    "advice.act.compute.paid.true": ("签订算力服务合同并付款", "sign and pay the compute contract"),
    "advice.act.compute.ai_compute.true": ("购买人工智能算力", "buy artificial-intelligence compute"),
    "advice.act.compute.provider_in_shandong.true": ("向省内算力服务商购买", "buy the compute from a provider inside Shandong"),
    "advice.act.compute.related_party.false": ("向无关联关系的服务商购买", "buy from a provider that is not a related party"),
    "advice.act.loan.luke_filed.true": ("将贷款纳入“鲁科贷”备案", "file the loan for 鲁科贷 risk compensation"),
    "advice.act.insurance.luke_product.true": ("投保“鲁科保”科技保险产品", "buy a 鲁科保 technology insurance product"),
    # one line per provision
    "advice.plan.eligible": ("改动 {n} 项即可符合", "{n} change(s) make it eligible"),
    "advice.plan.review": ("改动 {n} 项后可申报,待审核", "{n} change(s) make it eligible, pending review"),
    "advice.plan.undetermined": ("改动 {n} 项后不再有不符合的条件,还须补充:{fields}",
                                 "after {n} change(s) no criterion fails; still to supply: {fields}"),
    "advice.then_amount": (",届时金额 {amount}", "; then {amount}"),
    "advice.then_estimate": (",届时测算金额约 {amount}", "; then about {amount} (estimate)"),
    "advice.supply": ("先补充以下信息:{fields}", "supply first: {fields}"),
    "advice.blocked": ("无可行建议:{n} 项条件只取决于不可改变的事项",
                       "no plan: {n} criterion(s) depend only on facts the applicant cannot change"),
    "advice.blocking_item": ("不可改变:{label} — {why}", "cannot be changed: {label} — {why}"),
    "advice.none": ("未找到经复核成立的方案", "no plan passed re-evaluation"),
    "advice.verified": ("已重新评估核实({matcher})", "re-evaluated to check ({matcher})"),
}
