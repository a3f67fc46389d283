/**
 * Splits the VPC CIDR into three private and three public subnets, one per availability zone. A /16
 * gets the reference layout (teks `vpc` unit: `x.y.1-3.0/24` private, `x.y.101-103.0/24` public);
 * a smaller VPC is cut into eight equal parts, private 0–2 and public 4–6, leaving room to grow.
 */
export interface SubnetLayout {
  private: string[];
  public: string[];
}

function toAddress(cidr: string): { address: number; prefix: number } {
  const [ip, prefix] = cidr.split('/');
  const address = ip
    .split('.')
    .map(Number)
    .reduce((acc, o) => acc * 256 + o, 0);
  return { address, prefix: Number(prefix) };
}

function toCidr(address: number, prefix: number): string {
  const octets = [24, 16, 8, 0].map(
    shift => Math.floor(address / 2 ** shift) % 256,
  );
  return `${octets.join('.')}/${prefix}`;
}

/** `vpcCidr` must already be validated (IPv4, /16 to /20, no host bits). */
export function subnetLayout(vpcCidr: string): SubnetLayout {
  const { address, prefix } = toAddress(vpcCidr);
  if (prefix === 16) {
    const at = (i: number) => toCidr(address + i * 256, 24);
    return { private: [1, 2, 3].map(at), public: [101, 102, 103].map(at) };
  }
  const size = 2 ** (32 - prefix - 3);
  const at = (i: number) => toCidr(address + i * size, prefix + 3);
  return { private: [0, 1, 2].map(at), public: [4, 5, 6].map(at) };
}
