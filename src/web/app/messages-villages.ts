/** UI strings of VIL-1 … VIL-4 and the village dashboard (DSH-1) in the shell. Same shape as messages.ts. */
export const villageMessages = {
  'menu.villages': ['传统村落', 'Villages'],
  'menu.villageIncome': ['村集体经济', 'Collective income'],
  'menu.heritage': ['非遗与文旅', 'Heritage & tourism'],
  'menu.villageDashboard': ['村落统计', 'Village dashboard'],
  'home.desc.villages': ['一村一档：名录、规划、传统建筑、先锋岗、村规民约、责任链、保护资金', 'Profiles, buildings, posts, rules, chain, funds'],
  'home.desc.villageIncome': ['村集体经营性收入与超 30 万、50 万元村数', 'Operating income and villages above the thresholds'],
  'home.desc.heritage': ['非遗项目、传承人、展演与旅游点游客', 'Heritage items, performances, sites and visitors'],
  'home.desc.villageDashboard': ['包户覆盖、走访、隐患、调解、收入、资金、展演、游客', 'Coverage, visits, hazards, income, funds, visitors'],
} as const;
