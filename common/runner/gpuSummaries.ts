// What `nvidia-smi` (table, `-L` and `--query-gpu … --format=csv`) and `nvcc -V` say, read from their real
// output (test/fixtures/gpu) into one line: which GPUs, which driver and CUDA.
import type { SimpleCommand } from './scriptCommands';

export interface GpuInfo {
  index?: number;
  name: string;
  uuid?: string;
  memoryUsedMiB?: number;
  memoryTotalMiB?: number;
  utilizationPct?: number;
  temperatureC?: number;
}

export interface GpuReport {
  driverVersion?: string;
  cudaVersion?: string;
  gpus: GpuInfo[];
  /** MIG devices listed by `nvidia-smi -L`. */
  migDevices?: number;
}

export function summarizeNvidiaSmi(command: SimpleCommand, output: string): string | undefined {
  const args = command.args.join(' ');
  let report: GpuReport | undefined;
  if (/(^|\s)(-L|--list-gpus)(\s|$)/.test(args)) report = parseNvidiaSmiList(output);
  else if (/--query-gpu[= ]/.test(args)) report = parseNvidiaSmiCsv(output, queryFieldsOf(command.args));
  else if (/^\s*$|^(-i|--id)/.test(args)) report = parseNvidiaSmiTable(output);
  if (report && report.gpus.length > 0) return formatGpuReport(report);
  if (/couldn't communicate with the NVIDIA driver/i.test(output)) {
    return 'nvidia-smi cannot talk to the NVIDIA driver: is it installed and loaded?';
  }
  if (/No devices were found/i.test(output)) return 'nvidia-smi: no NVIDIA GPU found';
  return undefined;
}

/** The default `nvidia-smi` table: driver and CUDA versions from the banner, one row pair per GPU. */
export function parseNvidiaSmiTable(text: string): GpuReport | undefined {
  const driver = /Driver Version:\s*([\w.-]+)/.exec(text)?.[1];
  if (driver === undefined) return undefined;
  const cuda = /CUDA Version:\s*([\d.]+)/.exec(text)?.[1];
  // Stop before the MIG and process tables, whose rows look like GPU rows' second lines.
  const gpuTable = text.split(/^\|\s*(?:MIG devices|Processes):/m)[0];
  const lines = gpuTable.split(/\r?\n/);
  const gpus: GpuInfo[] = [];
  for (let i = 0; i < lines.length; i++) {
    const row = /^\|\s*(\d+)\s+(.+?)\s+(?:On|Off)\s*\|/.exec(lines[i]);
    if (!row) continue;
    const gpu: GpuInfo = { index: Number(row[1]), name: row[2] };
    const next = lines[i + 1] ?? '';
    const memory = /(\d+)MiB\s*\/\s*(\d+)MiB/.exec(next);
    if (memory) {
      gpu.memoryUsedMiB = Number(memory[1]);
      gpu.memoryTotalMiB = Number(memory[2]);
    }
    const temperature = /^\|\s*(?:N\/A|\d+%)\s+(\d+)C\b/.exec(next)?.[1];
    if (temperature !== undefined) gpu.temperatureC = Number(temperature);
    const utilization = /\|\s*(\d+)%\s+[\w.-]+\s*\|\s*$/.exec(next)?.[1];
    if (utilization !== undefined) gpu.utilizationPct = Number(utilization);
    gpus.push(gpu);
  }
  return { driverVersion: driver, cudaVersion: cuda, gpus };
}

/** `nvidia-smi -L`: `GPU 0: NAME (UUID: GPU-…)`, with indented MIG device lines under a GPU. */
export function parseNvidiaSmiList(text: string): GpuReport {
  const gpus: GpuInfo[] = [];
  let migDevices = 0;
  for (const line of text.split(/\r?\n/)) {
    const gpu = /^GPU (\d+): (.+?)(?: \(UUID: ([^)]+)\))?\s*$/.exec(line);
    if (gpu) gpus.push({ index: Number(gpu[1]), name: gpu[2], uuid: gpu[3] });
    else if (/^\s+MIG\b.*\bDevice\s+\d+:/.test(line)) migDevices++;
  }
  return migDevices > 0 ? { gpus, migDevices } : { gpus };
}

/** The fields named by `--query-gpu=a,b,c` (or `--query-gpu a,b,c`), for CSV without a header. */
export function queryFieldsOf(args: readonly string[]): string[] | undefined {
  for (let i = 0; i < args.length; i++) {
    const value = args[i].startsWith('--query-gpu=')
      ? args[i].slice('--query-gpu='.length)
      : args[i] === '--query-gpu'
        ? args[i + 1]
        : undefined;
    if (value !== undefined)
      return value
        .replace(/^["']|["']$/g, '')
        .split(',')
        .map((f) => f.trim());
  }
  return undefined;
}

/**
 * `nvidia-smi --query-gpu=… --format=csv[,noheader][,nounits]`. The header (`memory.total [MiB]`)
 * names the columns; without one the fields come from the command line.
 */
export function parseNvidiaSmiCsv(text: string, queryFields?: readonly string[]): GpuReport | undefined {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && l.includes(','));
  if (lines.length === 0) return undefined;
  const headerFields = lines[0].split(',').map((f) => f.trim().replace(/\s*\[.*\]$/, ''));
  const hasHeader = headerFields.some((f) => CSV_FIELDS.has(f));
  const fields = hasHeader ? headerFields : queryFields;
  if (!fields) return undefined;
  const report: GpuReport = { gpus: [] };
  for (const line of hasHeader ? lines.slice(1) : lines) {
    const values = line.split(',').map((v) => v.trim());
    const record = new Map<string, string>();
    fields.forEach((field, i) => {
      const value = values[i];
      if (value !== undefined && !/^\[?N\/A\]?$/.test(value)) record.set(field, value);
    });
    const name = record.get('name') ?? record.get('gpu_name');
    if (name === undefined) continue;
    report.driverVersion ??= record.get('driver_version');
    report.gpus.push({
      index: numberOf(record.get('index')),
      name,
      uuid: record.get('uuid') ?? record.get('gpu_uuid'),
      memoryUsedMiB: numberOf(record.get('memory.used')),
      memoryTotalMiB: numberOf(record.get('memory.total')),
      utilizationPct: numberOf(record.get('utilization.gpu')),
      temperatureC: numberOf(record.get('temperature.gpu')),
    });
  }
  return report;
}

const CSV_FIELDS = new Set([
  'index',
  'name',
  'gpu_name',
  'uuid',
  'gpu_uuid',
  'driver_version',
  'memory.total',
  'memory.used',
  'memory.free',
  'utilization.gpu',
  'temperature.gpu',
  'count',
  'pci.bus_id',
]);

/** `81559 MiB` → 81559; `0 %` → 0. */
function numberOf(value: string | undefined): number | undefined {
  const match = value === undefined ? null : /^-?\d+(?:\.\d+)?/.exec(value);
  return match ? Number(match[0]) : undefined;
}

/** `1 GPU: NVIDIA H100 80GB HBM3 · driver 580.159.04 · CUDA 13.0 · 0 / 81559 MiB used`. */
export function formatGpuReport(report: GpuReport): string {
  const parts = [formatGpuNames(report.gpus)];
  if (report.migDevices) parts[0] += ` (${report.migDevices} MIG device${report.migDevices === 1 ? '' : 's'})`;
  if (report.driverVersion) parts.push(`driver ${report.driverVersion}`);
  if (report.cudaVersion) parts.push(`CUDA ${report.cudaVersion}`);
  const withMemory = report.gpus.filter((g) => g.memoryUsedMiB !== undefined && g.memoryTotalMiB !== undefined);
  if (withMemory.length === report.gpus.length) {
    const used = withMemory.reduce((sum, g) => sum + (g.memoryUsedMiB ?? 0), 0);
    const total = withMemory.reduce((sum, g) => sum + (g.memoryTotalMiB ?? 0), 0);
    parts.push(`${used} / ${total} MiB used`);
  }
  // Utilisation and temperature of several GPUs do not fit one line; show them for one.
  if (report.gpus.length === 1) {
    const [gpu] = report.gpus;
    if (gpu.utilizationPct !== undefined) parts.push(`${gpu.utilizationPct}% busy`);
    if (gpu.temperatureC !== undefined) parts.push(`${gpu.temperatureC} °C`);
  }
  return parts.join(' · ');
}

/** `1 GPU: A`, `8 GPUs: A`, `2 GPUs: A, B`, `3 GPUs: 2× A, B`. */
export function formatGpuNames(gpus: readonly GpuInfo[]): string {
  const counts = new Map<string, number>();
  for (const gpu of gpus) counts.set(gpu.name, (counts.get(gpu.name) ?? 0) + 1);
  const label = `${gpus.length} GPU${gpus.length === 1 ? '' : 's'}`;
  if (counts.size === 1) return `${label}: ${gpus[0].name}`;
  const names = [...counts].map(([name, count]) => (count > 1 ? `${count}× ${name}` : name));
  return `${label}: ${names.join(', ')}`;
}

// ---------------------------------------------------------------------------------------------
// nvcc

export function summarizeNvcc(command: SimpleCommand, output: string): string | undefined {
  if (!command.args.some((a) => a === '-V' || a === '--version')) return undefined;
  const version = parseNvccVersion(output);
  return version ? formatNvccVersion(version) : undefined;
}

/** `Cuda compilation tools, release 13.0, V13.0.88` → release 13.0, build V13.0.88. */
export function parseNvccVersion(text: string): { release: string; build?: string } | undefined {
  const match = /release (\d+(?:\.\d+)*)(?:, (V[\d.]+))?/.exec(text);
  return match ? { release: match[1], build: match[2] } : undefined;
}

export function formatNvccVersion(version: { release: string; build?: string }): string {
  return version.build ? `CUDA ${version.release} (${version.build})` : `CUDA ${version.release}`;
}
