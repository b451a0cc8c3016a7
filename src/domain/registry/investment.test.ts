import { describe, expect, it } from 'vitest';
import { explainReason, positioningWords, rankBuildings, scoreBuilding, type BuildingOffer, type InvestorProfile } from './investment.ts';

const building = (o: Partial<BuildingOffer> & { id: string }): BuildingOffer => ({
  regionCode: '350102001',
  positioning: null,
  industryFocus: [],
  vacantArea: 1000,
  askingRent: null,
  demoStatus: 'none',
  ...o,
});
const investor: InvestorProfile = { industryCode: '65', area: 800, budget: 100, preferredRegionCode: '350102' };
const texts = (p: InvestorProfile, b: BuildingOffer) => scoreBuilding(p, b).components.map((c) => explainReason(c.reason, 'zh-CN'));

describe('REG-8 investment scoring explains every component', () => {
  it('REG-8 a fitting building gets each component with its reason in Chinese', () => {
    const b = building({
      id: '1',
      vacantArea: 1200,
      industryFocus: ['65'],
      positioning: '软件信息楼',
      askingRent: 85,
      demoStatus: 'named',
    });
    const match = scoreBuilding(investor, b);
    expect(match.fitsArea).toBe(true);
    expect(match.components.map((c) => [c.factor, c.points])).toEqual([
      ['vacancy', 30],
      ['industry', 25],
      ['positioning', 10],
      ['rent', 15],
      ['location', 10],
      ['demo', 5],
    ]);
    expect(match.score).toBe(95);
    expect(texts(investor, b)).toEqual([
      '空置面积 1,200㎡ 满足需求 800㎡',
      '行业「65 软件和信息技术服务业」与楼宇主导产业一致',
      '楼宇定位「软件信息楼」契合「软件」',
      '租金 ¥85/㎡·月 在预算 ¥100/㎡·月 以内',
      '位于意向区域内',
      '已命名示范楼宇',
    ]);
  });

  it('REG-8 a section focus or a sibling division is a looser industry fit (sectionOf)', () => {
    expect(scoreBuilding(investor, building({ id: '1', industryFocus: ['I'] })).components[1]).toMatchObject({
      points: 15,
      reason: { code: 'industry_section', section: 'I' },
    });
    expect(scoreBuilding(investor, building({ id: '1', industryFocus: ['64'] })).components[1]!.points).toBe(15);
    expect(scoreBuilding(investor, building({ id: '1', industryFocus: ['68'] })).components[1]).toMatchObject({
      points: 0,
      reason: { code: 'industry_other' },
    });
    expect(scoreBuilding({ ...investor, industryCode: 'J' }, building({ id: '1', industryFocus: ['J'] })).components[1]!.points).toBe(25);
    expect(scoreBuilding({ ...investor, industryCode: '6520' }, building({ id: '1', industryFocus: ['65'] })).components[1]!.points).toBe(
      25,
    );
  });

  it('REG-8 rent over budget costs points in proportion and says by how much', () => {
    const c = scoreBuilding(investor, building({ id: '1', askingRent: 120 })).components[3]!;
    expect(c.points).toBe(-8);
    expect(explainReason(c.reason, 'zh-CN')).toBe('租金 ¥120/㎡·月 超出预算 ¥100/㎡·月 20%');
    expect(scoreBuilding(investor, building({ id: '1', askingRent: 500 })).components[3]!.points).toBe(-20);
  });

  it('REG-8 location: inside the preferred district, the same county for a street preference, the same city', () => {
    const loc = (pref: string, region: string) =>
      scoreBuilding({ ...investor, preferredRegionCode: pref }, building({ id: '1', regionCode: region })).components[4]!.reason.code;
    expect(loc('350102', '350102003')).toBe('location_in');
    expect(loc('350102001', '350102003')).toBe('location_county');
    expect(loc('350102', '350103001')).toBe('location_city');
    expect(loc('350102', '360732001')).toBe('location_other');
  });

  it('REG-8 positioning words come from the division, its section and the investor’s own words', () => {
    expect(positioningWords('68')).toEqual(expect.arrayContaining(['保险', '金融']));
    expect(positioningWords('72', ['律师'])[0]).toBe('律师');
    const lawyer = scoreBuilding({ ...investor, industryCode: '72' }, building({ id: '1', positioning: '律师楼' })).components[2]!;
    expect(explainReason(lawyer.reason, 'zh-CN')).toBe('楼宇定位「律师楼」契合「律师」');
  });

  it('REG-8 a building without enough space never outranks one with it, and is dropped when the area is a hard filter', () => {
    const small = building({ id: '1', vacantArea: 500, industryFocus: ['65'], positioning: '软件楼', askingRent: 50, demoStatus: 'named' });
    const plain = building({ id: '2', vacantArea: 900, regionCode: '360732001' });
    const ranked = rankBuildings(investor, [small, plain]);
    expect(ranked.map((m) => m.buildingId)).toEqual(['2', '1']);
    expect(explainReason(ranked[1]!.components[0]!.reason, 'zh-CN')).toBe('空置面积 500㎡ 不足需求 800㎡');
    expect(rankBuildings(investor, [small, plain], { strictArea: true }).map((m) => m.buildingId)).toEqual(['2']);
  });

  it('REG-8 equal scores go to the tighter fit', () => {
    const ranked = rankBuildings(investor, [building({ id: '1', vacantArea: 5000 }), building({ id: '2', vacantArea: 850 })]);
    expect(ranked.map((m) => m.buildingId)).toEqual(['2', '1']);
  });

  it('REG-8 reasons read in English too', () => {
    const [vacancy] = scoreBuilding(investor, building({ id: '1', vacantArea: 1200 })).components;
    expect(explainReason(vacancy!.reason, 'en')).toBe('Vacant 1,200㎡ covers the 800㎡ needed');
  });
});
