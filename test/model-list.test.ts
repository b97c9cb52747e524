import { expect } from '@open-wc/testing';
import { parseModels } from '../src/components/digit-pad/model-list.js';

const BASE = 'https://example.test/app/page.html';

describe('models attribute', () => {
  it('parses name=url pairs in order and resolves URLs against the page', () => {
    const { models, problems } = parseModels(' mlp=models/mlp.onnx  cnn=/m/cnn.onnx ', BASE);
    expect(problems).to.deep.equal([]);
    expect(models).to.deep.equal([
      { name: 'mlp', url: 'https://example.test/app/models/mlp.onnx' },
      { name: 'cnn', url: 'https://example.test/m/cnn.onnx' },
    ]);
  });

  it('refuses schemes other than http(s), relative and blob:', () => {
    const { models, problems } = parseModels(
      'a=data:application/octet-stream;base64,AA b=javascript:alert(1) c=file:///etc/passwd d=blob:https://example.test/x',
      BASE,
    );
    expect(models.map((m) => m.name)).to.deep.equal(['d']);
    expect(problems).to.have.length(3);
  });

  it('reports malformed tokens and duplicate names', () => {
    const { models, problems } = parseModels('justaurl.onnx =x.onnx a=1.onnx a=2.onnx', BASE);
    expect(models).to.deep.equal([{ name: 'a', url: 'https://example.test/app/1.onnx' }]);
    expect(problems).to.have.length(3);
  });
});
